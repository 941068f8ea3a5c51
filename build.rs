//! Works out, when koho is built, the literals that every match of each
//! built-in rule regex (`rules/*.toml`) contains: the same work
//! `koho::rules::literals::index` would otherwise do at the start of every
//! run (parsing about a hundred regexes, 6 % of the instructions of a
//! one-release check). The result is a table sorted by pattern, included by
//! `src/rules/literals.rs`; a pattern not in it (a user's rule) is worked
//! out at run time by the same code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/rules/literals/required.rs"]
mod required;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules/literals/required.rs");
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut files: Vec<PathBuf> = fs::read_dir(root.join("rules"))
        .expect("rules/ is readable")
        .map(|e| e.expect("rules/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut patterns = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("rule file is readable");
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        regexes(&value, &mut patterns);
    }
    patterns.sort();
    patterns.dedup();
    let mut out = String::from("&[\n");
    for p in &patterns {
        match required::required(p) {
            Some(literals) => writeln!(out, "    ({p:?}, Some(&{literals:?})),"),
            None => writeln!(out, "    ({p:?}, None),"),
        }
        .expect("writing to a String");
    }
    out.push_str("]\n");
    let dest =
        Path::new(&env::var_os("OUT_DIR").expect("cargo sets it")).join("builtin_literals.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Every `regex = "…"` value in a rule file, at any depth.
fn regexes(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::Table(t) => {
            for (k, x) in t {
                match (k.as_str(), x.as_str()) {
                    ("regex", Some(re)) => out.push(re.to_owned()),
                    _ => regexes(x, out),
                }
            }
        }
        toml::Value::Array(a) => a.iter().for_each(|x| regexes(x, out)),
        _ => {}
    }
}
