//! `version::forms::Semantic`: whatever `parse_any` accepts renders in every form to a string
//! that parses back to the same version (PEP 440 normalizes the build metadata), and rendering
//! is stable: render(parse(render(v))) == render(v).
#![no_main]

use bumpsmith::version::{Form, Semantic};
use libfuzzer_sys::fuzz_target;

fn pep440_build(b: &str) -> String {
    b.to_ascii_lowercase().replace('-', ".")
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Some(v) = Semantic::parse_any(s) else {
        return;
    };
    for form in [Form::SemVer, Form::Pep440, Form::Docker] {
        let text = v.render(form);
        let back = Semantic::parse_any(&text)
            .unwrap_or_else(|| panic!("{form:?} spelling `{text}` of `{s}` does not parse"));
        let mut want = v.clone();
        if form == Form::Pep440 {
            want.build = want.build.as_deref().map(pep440_build);
        }
        assert_eq!(
            back, want,
            "{form:?} spelling `{text}` of `{s}` reads back differently"
        );
        assert_eq!(back.render(form), text, "{form:?} rendering is not stable");
        if form == Form::Docker {
            assert!(!text.contains('+'), "an OCI tag cannot hold `+`: {text}");
        }
    }
    let sp = v.spellings();
    assert!(!sp.is_empty() && sp.iter().all(|x| Semantic::parse_any(x).is_some()));
});
