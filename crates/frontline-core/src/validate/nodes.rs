//! The customer and the nodes: their texts checked, their parts resolved.

use super::Validator;
use super::report::IdList;
use crate::format::{
    ChoiceFile, Condition as ConditionFile, CustomerFile, EventFile, NodeFile, RouteFile,
    VariantFile,
};
use crate::locate::Seg;
use crate::scenario::{Choice, Customer, Event, Node, Persona, Route, Variant};

impl Validator<'_> {
    pub(super) fn customer(&mut self, c: CustomerFile) -> Customer {
        use Seg::Field;
        let at = |field| [Field("customer"), Field(field)];
        self.report.text(&at("name"), "customer name", &c.name);
        self.report
            .text(&at("persona"), "customer persona", &c.persona);
        self.report
            .text(&at("expectation"), "customer expectation", &c.expectation);
        self.report
            .text(&at("source"), "expectation source", &c.source);
        let ids = c.personas.iter().map(|p| p.id.as_str());
        let list = at("personas");
        let personas = IdList {
            list: &[Field("customer"), Field("personas")],
            field: Some("id"),
            what: "persona",
        };
        let first_at = |&i: &usize| personas.path(i);
        self.report
            .ids(&mut self.personas, personas, ids, |i| i, first_at);
        let personas = c
            .personas
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let mut at = list.to_vec();
                at.push(Seg::Index(i));
                self.report.text(
                    &[&at[..], &[Field("description")]].concat(),
                    "persona description",
                    &p.description,
                );
                if let Some(name) = &p.name {
                    self.report
                        .text(&[&at[..], &[Field("name")]].concat(), "persona name", name);
                }
                Persona {
                    flags: self.flag_list(&at, "flags", &p.flags),
                    meters: self.meter_map(&at, "meters", &p.meters),
                    id: p.id,
                    name: p.name,
                    description: p.description,
                }
            })
            .collect();
        Customer {
            name: c.name,
            persona: c.persona,
            expectation: c.expectation,
            source: c.source,
            personas,
        }
    }

    pub(super) fn node(&mut self, index: usize, n: NodeFile) -> Node {
        use Seg::{Field, Index};
        let at = [Field("nodes"), Index(index)];
        let field = |f| [at[0], at[1], Field(f)];
        if n.routes.is_empty() {
            if n.lines.is_empty() {
                self.report
                    .error(&field("lines"), format!("node `{}` has no lines", n.id));
            }
            if n.choices.is_empty() {
                self.report.error(
                    &field("id"),
                    format!("node `{}` is not an ending and has no choices", n.id),
                );
            }
        } else {
            let says = !(n.lines.is_empty() && n.variants.is_empty());
            if says || !(n.choices.is_empty() && n.events.is_empty()) {
                let msg = format!(
                    "node `{}` has routes, so it can't also have lines, variants, choices or events",
                    n.id
                );
                self.report.error(&field("routes"), msg);
            }
            if n.routes.last().is_some_and(|r| !r.when.is_empty()) {
                let last = [at[0], at[1], Field("routes"), Index(n.routes.len() - 1)];
                self.report.error(
                    &last,
                    "the last route must have no conditions, so that one always applies".into(),
                );
            }
        }
        for (i, line) in n.lines.iter().enumerate() {
            self.report
                .text(&[at[0], at[1], Field("lines"), Index(i)], "line", line);
        }
        let variants = n.variants.into_iter().enumerate();
        let variants =
            variants.map(|(i, v)| self.variant(&[at[0], at[1], Field("variants"), Index(i)], v));
        let variants = variants.collect();
        let choices = n.choices.into_iter().enumerate();
        let choices = choices.map(|(i, c)| {
            let at = [at[0], at[1], Field("choices"), Index(i)];
            self.choice(&at, c, n.scored)
        });
        let choices = choices.collect();
        let events = n.events.into_iter().enumerate();
        let events = events.map(|(i, e)| self.event(&[at[0], at[1], Field("events"), Index(i)], e));
        let events = events.collect();
        let routes = n.routes.into_iter().enumerate();
        let routes = routes.map(|(i, r)| self.route(&[at[0], at[1], Field("routes"), Index(i)], r));
        let routes = routes.collect();
        Node {
            id: n.id,
            speaker: n.speaker,
            lines: n.lines,
            variants,
            choices,
            events,
            routes,
            order: n.order,
        }
    }

    /// Choice `c` at `at`, in a node that is `scored` or not.
    pub(super) fn choice(&mut self, at: &[Seg], c: ChoiceFile, scored: bool) -> Choice {
        use Seg::Field;
        self.report
            .text_in(at, &[Field("text")], "choice text", &c.text);
        self.report
            .text_in(at, &[Field("feedback")], "feedback", &c.feedback);
        let scored = scored && c.scored;
        if !scored && !c.tags.is_empty() {
            self.report.error_helped(
                &[at, &[Field("tags")]].concat(),
                "an unscored choice can't have practice tags: they would count for nothing".into(),
                "remove the tags, or the `scored: false` (of the choice or its node) so that it counts",
            );
        }
        for (i, flag) in c.unset.iter().enumerate() {
            if c.set.contains(flag) {
                self.report.error_helped(
                    &[at, &[Field("unset"), Seg::Index(i)]].concat(),
                    format!("flag `{flag}` is both set and unset by this choice"),
                    "keep it in `set` or in `unset`, not both",
                );
            }
        }
        for (i, example) in c.examples.iter().enumerate() {
            let tail = [Field("examples"), Seg::Index(i)];
            self.report.text_in(at, &tail, "example", example);
        }
        Choice {
            effects: self.meter_map(at, "effects", &c.effects),
            next: self.target(at, &c.next),
            when: self.conditions(at, &c.when),
            set: self.flag_list(at, "set", &c.set),
            unset: self.flag_list(at, "unset", &c.unset),
            scored,
            text: c.text,
            tags: c.tags,
            feedback: c.feedback,
            examples: c.examples,
        }
    }

    pub(super) fn event(&mut self, at: &[Seg], e: EventFile) -> Event {
        if !(0.0..=1.0).contains(&e.chance) {
            self.report.error_in(
                at,
                &[Seg::Field("chance")],
                format!("chance {} is outside 0..=1", e.chance),
            );
        }
        Event {
            chance: e.chance,
            next: self.target(at, &e.next),
            when: self.conditions(at, &e.when),
        }
    }

    pub(super) fn route(&mut self, at: &[Seg], r: RouteFile) -> Route {
        Route {
            next: self.target(at, &r.next),
            when: self.conditions(at, &r.when),
        }
    }

    /// The line variant `v` at `at`.
    pub(super) fn variant(&mut self, at: &[Seg], v: VariantFile) -> Variant {
        use Seg::Field;
        self.report.text_in(at, &[Field("line")], "line", &v.line);
        if v.when.is_empty() {
            self.report.error_helped(
                &[at, &[Field("when")]].concat(),
                "a variant needs at least one condition".into(),
                "a line said whatever happened goes in the node's `lines`",
            );
        }
        let mut personas = Vec::new();
        let mut when = Vec::new();
        for (i, c) in v.when.iter().enumerate() {
            match c {
                ConditionFile::Persona(id) => personas.push(self.persona(at, i, id)),
                other => when.extend(self.condition(at, i, other)),
            }
        }
        Variant {
            line: v.line,
            when,
            personas,
        }
    }
}
