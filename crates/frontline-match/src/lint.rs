//! The typed-replies lint of `frontline check`: two replies of a node that
//! the matcher cannot tell apart, reported at the second one's text.

use frontline_core::diagnostic::{Diagnostic, Severity};
use frontline_core::load::Loaded;
use frontline_core::locate::{Seg, SpanTree};

use crate::Matcher;
use crate::confusable::confusable;

/// A warning for each pair of choices too alike for typed replies.
pub fn lint(matcher: &Matcher, loaded: &Loaded) -> Result<Vec<Diagnostic>, String> {
    let scenario = &loaded.scenario;
    let pairs = confusable(scenario, &matcher.replies(scenario)?);
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let text = |node: usize, choice: usize| {
        use Seg::{Field, Index};
        [
            Field("nodes"),
            Index(node),
            Field("choices"),
            Index(choice),
            Field("text"),
        ]
    };
    let source = &loaded.source;
    let paths: Vec<[Seg; 5]> = pairs
        .iter()
        .flat_map(|p| [text(p.node, p.first), text(p.node, p.second)])
        .collect();
    let wanted: Vec<&[Seg]> = paths.iter().map(|p| &p[..]).collect();
    let tree = SpanTree::parse_for(source, &wanted);
    let warnings = pairs.iter().map(|p| {
        let message = format!(
            "typed replies: choices {} and {} of node `{}` are too alike to tell apart (similarity {:.2})",
            p.first + 1,
            p.second + 1,
            scenario.nodes[p.node].id,
            p.similarity
        );
        let at = tree.locate(source, &text(p.node, p.second));
        let first = tree.locate(source, &text(p.node, p.first));
        Diagnostic::at(Severity::Warning, &loaded.path, source, at, message)
            .label(source, first, "a reply typed to mean one may be read as the other")
            .help("reword one of them, or give each `examples` of how a trainee would say it")
    });
    Ok(warnings.collect())
}
