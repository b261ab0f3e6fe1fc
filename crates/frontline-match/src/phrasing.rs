//! The phrasings a typed reply is compared with: a choice's text, the speech
//! quoted in a stage direction, and the trainer's examples.

use frontline_core::scenario::Choice;

/// The words said in a stage direction such as `Pull up a chair… and say:
/// "Go on."`: the double-quoted spans, joined. `None` when the text quotes
/// nothing or is nothing but speech.
pub fn speech(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split('"').collect();
    // Odd-numbered parts lie inside quotes; an unclosed quote runs to the end.
    let said: Vec<&str> = parts.iter().skip(1).step_by(2).map(|s| s.trim()).collect();
    let told = parts
        .iter()
        .step_by(2)
        .any(|s| s.chars().any(char::is_alphanumeric));
    let said = said.join(" ");
    (told && !said.trim().is_empty()).then_some(said)
}

/// Every phrasing of `choice`, the written text first.
pub fn phrasings(choice: &Choice) -> Vec<String> {
    let mut all = vec![choice.text.clone()];
    all.extend(speech(&choice.text));
    all.extend(choice.examples.iter().cloned());
    all
}

#[cfg(test)]
mod tests {
    use super::speech;

    #[test]
    fn a_stage_direction_is_matched_on_its_speech() {
        let text =
            r#"Pull up a chair beside him, lower your voice and say: "Go on. I'm listening.""#;
        assert_eq!(speech(text).as_deref(), Some("Go on. I'm listening."));
    }

    #[test]
    fn several_quotes_are_joined_and_narration_after_them_is_dropped() {
        let text = r#""Thanks, Dev." Then to Jordan: "Count on that." Then smile."#;
        assert_eq!(speech(text).as_deref(), Some("Thanks, Dev. Count on that."));
    }

    #[test]
    fn plain_speech_and_plain_narration_have_no_separate_speech() {
        assert_eq!(speech(r#""I'm so sorry.""#), None);
        assert_eq!(speech("Head straight over to table 12."), None);
        assert_eq!(speech(r#"Say: """#), None);
    }
}
