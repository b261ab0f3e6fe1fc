//! The HTML report: three inline SVG charts with the fixture's figures, every
//! recorded text escaped, and nothing that would fetch from the network.

use frontline_records::{DATABASE_FILE, Filter, Mode, Timestamp, html};

mod common;
use common::{ASK, known_sessions, play_recorded, shop, store_with_minute_clock, temp_dir};

const HOSTILE: &str = "<script>alert('x')</script> & \"Eve\"";

fn page() -> String {
    let path = temp_dir("html").join(DATABASE_FILE);
    let mut store = store_with_minute_clock(&path);
    known_sessions(&mut store);
    play_recorded(&mut store, HOSTILE, &shop("shop"), 1, Mode::Coach, &[ASK]);
    let page = html::page(&store.report(&Filter::default()).unwrap());
    std::fs::write(path.with_file_name("report.html"), &page).unwrap();
    page
}

/// The text of the element `<svg id="{id}" …>…</svg>`.
fn svg<'p>(page: &'p str, id: &str) -> &'p str {
    let start = page
        .find(&format!("<svg id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + page[start..].find("</svg>").expect("closed");
    &page[start..end]
}

#[test]
fn the_page_has_the_three_charts_with_the_figures() {
    let page = page();
    assert_eq!(page.matches("<svg ").count(), 3);
    assert_eq!(page.matches("</svg>").count(), 3);

    let progress = svg(&page, "progress-chart");
    assert_eq!(
        progress.matches("<polyline").count(),
        3,
        "Ada, Bob and Cy finished attempts"
    );
    assert_eq!(progress.matches("<circle").count(), 5);
    assert!(progress.contains("<title>Ada, attempt 2: shop scored 100</title>"));

    let outcomes = svg(&page, "outcome-chart");
    assert!(
        outcomes.contains("<title>shop: Promoter 1 of 6 (17%)</title>"),
        "{outcomes}"
    );
    assert!(outcomes.contains("<title>shop: Detractor 2 of 6 (33%)</title>"));
    assert!(outcomes.contains("<title>shop: Abandoned 2 of 6 (33%)</title>"));
    assert!(outcomes.contains("<title>till: Passive 1 of 1 (100%)</title>"));

    let mistakes = svg(&page, "mistake-chart");
    assert!(
        mistakes.contains("shop / greet: 3 of 6 choices were anti-patterns"),
        "{mistakes}"
    );
    assert!(mistakes.contains("<title>Push the extended warranty (chosen 3 times)</title>"));
    assert_eq!(
        mistakes.matches("class=\"heading\"").count(),
        html::WORST_NODES
    );
}

#[test]
fn recorded_text_is_escaped() {
    let page = page();
    assert!(
        !page.contains("<script"),
        "a trainee's name ran as a script"
    );
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Eve&quot;"));
    assert!(page.contains("The &lt;fixture&gt; shop"));
    assert!(!page.contains("<fixture>"));
    assert!(page.contains("Promise it &quot;tomorrow&quot;"));
}

#[test]
fn the_page_fetches_nothing() {
    let page = page();
    for needle in [
        "src=", "href=", "url(", "@import", "<link", "<iframe", "<img",
    ] {
        assert!(!page.contains(needle), "{needle}");
    }
    let links = page.matches("http").count();
    let namespaces = page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(links, namespaces, "only the SVG namespace names a URL");
}

#[test]
fn an_empty_report_still_explains_each_chart() {
    let path = temp_dir("html-empty").join(DATABASE_FILE);
    let store = store_with_minute_clock(&path);
    let filter = Filter {
        since: Timestamp::parse("2030-01-01"),
        ..Filter::default()
    };
    let page = html::page(&store.report(&filter).unwrap());
    assert_eq!(page.matches("<svg ").count(), 3);
    assert!(page.contains("No finished attempts yet."));
    assert!(page.contains("attempts since 2030-01-01T00:00:00.000Z"));
}
