//! The committed completion scripts under `completions/` must match what `bump completions`
//! generates; regenerate with `for s in bash zsh fish powershell elvish; do target/release/bump completions $s > completions/bump.$s; done`.

use std::process::Command;

#[test]
fn committed_completions_are_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Command::new(env!("CARGO_BIN_EXE_bump"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let committed = std::fs::read(format!("{root}/completions/bump.{shell}")).unwrap();
        assert!(
            committed == out.stdout,
            "completions/bump.{shell} is stale: regenerate it with `bump completions {shell}`"
        );
    }
}

#[test]
fn man_page_renders() {
    let out = Command::new(env!("CARGO_BIN_EXE_bump"))
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(".TH bump 1"), "{text}");
    assert!(text.contains("check"), "{text}");
}
