//! The literals a regex cannot match without: 「(ウェブ|公式)(サイト|ページ)」
//! needs one of 「ウェブサイト」「ウェブページ」「公式サイト」「公式ページ」,
//! 「[\p{Han}]{1,8}(警察署?|教育委員会)」 one of 「警察」「教育委員会」.
//! A sentence that contains none of them cannot match, and the regex need
//! not run on it (see [`crate::rules::pattern::PatternSet`]).
//!
//! Most rule regexes find nothing in most sentences, and a regex that
//! starts with a class (「[\p{Han}ー]{0,12}(病院|医院)」) cannot skip ahead
//! to a literal: it reads every byte of every sentence. One pass over a
//! sentence finds the literals of every regex at once ([`Index::scan`]:
//! an Aho–Corasick automaton, or in a one-shot run a table of the literals
//! by their first bytes, which builds faster); then only the regexes whose
//! literals are there run.
//!
//! The regexes of pattern lists are registered when their rule is built
//! ([`register`]: an id, the pattern kept as text); working out their
//! literals and building the finder ([`index`]) waits until a lint needs
//! it, or until the CLI's warm-up does it on a spare core. Ids are global to
//! the process, so that a rule shared by two registries (the built-in one
//! and one with a project's rules added) has one id; a pattern registered
//! after the index was built is not filtered until the next lint rebuilds
//! it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use words::Words;

mod required;
mod words;

pub use required::required;

/// The built-in rule files' regexes and their literals, sorted by pattern:
/// worked out by `build.rs` with [`required`].
static BUILTIN: &[(&str, Option<&[&str]>)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_literals.rs"));

/// [`required`] of a built-in rule regex, from the table `build.rs` made;
/// `None` for any other pattern.
fn builtin_required(pattern: &str) -> Option<Option<Vec<String>>> {
    let at = BUILTIN.binary_search_by(|(p, _)| (*p).cmp(pattern)).ok()?;
    let (_, literals) = BUILTIN[at];
    Some(literals.map(|l| l.iter().map(|s| (*s).to_owned()).collect()))
}

/// The regexes registered so far.
#[derive(Default)]
struct Table {
    ids: HashMap<Box<str>, u32>,
    patterns: Vec<Box<str>>,
    /// Each pattern's literals (`None`: it has none), once worked out by
    /// [`index`].
    needs: Vec<Option<Vec<String>>>,
}

static TABLE: Mutex<Option<Table>> = Mutex::new(None);
/// The latest index; rebuilt when patterns were registered since.
static INDEX: Mutex<Option<Arc<Index>>> = Mutex::new(None);

/// The id of `pattern` in the literal filter (the same pattern, the same id).
pub fn register(pattern: &str) -> u32 {
    let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
    let table = table.get_or_insert_with(Table::default);
    if let Some(&id) = table.ids.get(pattern) {
        return id;
    }
    let id = u32::try_from(table.patterns.len()).unwrap_or(u32::MAX);
    table.ids.insert(pattern.into(), id);
    table.patterns.push(pattern.into());
    id
}

/// The id of a pattern that matches exactly `words` (any of them): a rule
/// that looks for plain words asks the filter whether a sentence has one.
pub fn register_words<S: AsRef<str>>(words: &[S]) -> u32 {
    let alternation: Vec<String> = words.iter().map(|w| regex::escape(w.as_ref())).collect();
    register(&alternation.join("|"))
}

/// The index of every pattern registered so far, built when needed.
pub fn index() -> Arc<Index> {
    let mut current = INDEX.lock().unwrap_or_else(PoisonError::into_inner);
    let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
    let table = table.get_or_insert_with(Table::default);
    let registered = table.patterns.len();
    if let Some(index) = current.as_ref().filter(|i| i.patterns == registered) {
        return index.clone();
    }
    while table.needs.len() < registered {
        let pattern = &table.patterns[table.needs.len()];
        table
            .needs
            .push(builtin_required(pattern).unwrap_or_else(|| required(pattern)));
    }
    let index = Arc::new(Index::build(&table.needs, crate::rx::one_shot()));
    *current = Some(index.clone());
    index
}

/// Which registered patterns may match a text.
#[derive(Debug)]
pub struct Index {
    /// Patterns covered (ids below this).
    patterns: usize,
    /// Finds every literal of every pattern; `None` when no pattern has
    /// any.
    finder: Option<Finder>,
    /// The patterns (ids) each literal stands for.
    owners: Vec<Vec<u32>>,
    /// Patterns without literals: they may match anything.
    always: Vec<u64>,
}

/// How [`Index::scan`] finds the literals.
#[derive(Debug)]
enum Finder {
    Table(Words),
    Automaton(AhoCorasick),
}

impl Index {
    /// With `table`, literals are found with a [`Words`] table (cheap to
    /// build, for a one-shot run), else with an Aho–Corasick automaton.
    fn build(needs: &[Option<Vec<String>>], table: bool) -> Index {
        let mut literal_ids: HashMap<&str, usize> = HashMap::new();
        let mut literals: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut always = vec![0u64; needs.len().div_ceil(64)];
        for (id, need) in needs.iter().enumerate() {
            let Some(strings) = need else {
                always[id / 64] |= 1 << (id % 64);
                continue;
            };
            for l in strings {
                let at = *literal_ids.entry(l.as_str()).or_insert_with(|| {
                    literals.push(l.as_str());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[at].push(id as u32);
            }
        }
        let finder = match (literals.is_empty(), table) {
            (true, _) => None,
            (false, true) => Some(Finder::Table(Words::new(&literals))),
            // Overlapping search (every occurrence of every literal: 「店」
            // inside 「店舗」 counts for both), which the contiguous NFA
            // does about as fast as a DFA and builds in a fifth of the time.
            (false, false) => AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .ok()
                .map(Finder::Automaton),
        };
        let always = if finder.is_none() {
            vec![u64::MAX; needs.len().div_ceil(64)]
        } else {
            always
        };
        Index {
            patterns: needs.len(),
            finder,
            owners,
            always,
        }
    }

    /// Words of one text's bits in [`Index::scan`].
    pub fn words(&self) -> usize {
        self.always.len()
    }

    /// Set in `bits` (of [`Index::words`] words) the patterns that may
    /// match `text`.
    pub fn scan(&self, text: &str, bits: &mut [u64]) {
        for (b, a) in bits.iter_mut().zip(&self.always) {
            *b |= a;
        }
        let mut found = |literal: usize| {
            for &id in &self.owners[literal] {
                if let Some(w) = bits.get_mut(id as usize / 64) {
                    *w |= 1 << (id % 64);
                }
            }
        };
        match &self.finder {
            None => {}
            Some(Finder::Table(words)) => words.scan(text, found),
            Some(Finder::Automaton(ac)) => {
                for m in ac.find_overlapping_iter(text) {
                    found(m.pattern().as_usize());
                }
            }
        }
    }

    /// May pattern `id` match the text `bits` were scanned from? (A
    /// pattern registered after this index was built may.)
    #[inline]
    pub fn may_match(&self, id: u32, bits: &[u64]) -> bool {
        let id = id as usize;
        id >= self.patterns || bits.get(id / 64).is_none_or(|w| w & (1 << (id % 64)) != 0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn req(p: &str) -> Option<Vec<String>> {
        required(p)
    }

    fn strs(v: &[&str]) -> Option<Vec<String>> {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort();
        Some(v)
    }

    fn sorted(v: Option<Vec<String>>) -> Option<Vec<String>> {
        v.map(|mut v| {
            v.sort();
            v
        })
    }

    #[test]
    fn literals_of_alternations_and_concatenations() {
        assert_eq!(sorted(req("被害|損害")), strs(&["被害", "損害"]));
        assert_eq!(
            sorted(req("(ウェブ|公式)(サイト|ページ)")),
            strs(&["ウェブサイト", "ウェブページ", "公式サイト", "公式ページ"])
        );
        // A class of a few characters joins too: 「[にへ]報告」.
        assert_eq!(sorted(req("[にへ]報告")), strs(&["に報告", "へ報告"]));
        // A repetition joins no neighbours: 「cababd」 has no 「cabd」.
        assert_eq!(req("c(?:ab)+d"), strs(&["ab"]));
        assert_eq!(req("c(?:ab){2}d"), strs(&["ab"]));
        // Anchors and optional parts do not hide the literal.
        assert_eq!(sorted(req("^お詫び(申し上げ)?")), strs(&["お詫び"]));
        assert_eq!(
            sorted(req(r"[\p{Han}]{1,8}(警察署?|教育委員会)")),
            strs(&["教育委員会", "警察"])
        );
    }

    #[test]
    fn the_longest_literal_is_kept() {
        // 「、」 is everywhere; 「被害額」 is the filter.
        assert_eq!(sorted(req(r"、\s*被害額")), strs(&["被害額"]));
    }

    #[test]
    fn no_list_when_a_match_can_do_without_literals() {
        assert_eq!(req(r"[\p{Han}]{2,}"), None);
        assert_eq!(req("被害|[0-9]+"), None);
        assert_eq!(sorted(req("被害|[0-9]+件")), strs(&["件", "被害"]));
        assert_eq!(req("(被害)?"), None);
        assert_eq!(req("x*"), None);
        assert_eq!(req("("), None);
        // Case-insensitive letters are classes of two: still literals.
        assert_eq!(sorted(req("(?i)no")), strs(&["NO", "No", "nO", "no"]));
    }

    /// Every regex of the built-in rule files (`rules/*.toml`).
    fn builtin_regexes() -> Vec<String> {
        fn walk(v: &toml::Value, out: &mut Vec<String>) {
            match v {
                toml::Value::Table(t) => {
                    for (k, x) in t {
                        match (k.as_str(), x.as_str()) {
                            ("regex", Some(re)) => out.push(re.to_owned()),
                            _ => walk(x, out),
                        }
                    }
                }
                toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (_, file) in crate::rules::BUILTIN_RULE_FILES {
            let v: toml::Value = toml::from_str(file).unwrap();
            walk(&v, &mut out);
        }
        out
    }

    /// Every line of every fixture and every example of the built-in rules.
    fn texts() -> Vec<String> {
        let mut out = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.extend(text.lines().map(str::to_owned));
                    out.push(text);
                }
            }
        }
        out
    }

    #[test]
    fn the_build_time_table_has_every_builtin_regex_as_required_finds_it() {
        let regexes = builtin_regexes();
        for pattern in &regexes {
            assert_eq!(
                builtin_required(pattern),
                Some(required(pattern)),
                "{pattern}"
            );
        }
        assert_eq!(BUILTIN.len(), {
            let mut unique = regexes.clone();
            unique.sort();
            unique.dedup();
            unique.len()
        });
        assert!(BUILTIN.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert_eq!(builtin_required("not a built-in (pattern)"), None);
    }

    #[test]
    fn a_text_without_the_literals_of_a_builtin_regex_has_no_match_of_it() {
        let regexes = builtin_regexes();
        assert!(regexes.len() > 80, "{}", regexes.len());
        let texts = texts();
        assert!(texts.len() > 1000, "{}", texts.len());
        let mut unfiltered = Vec::new();
        for pattern in &regexes {
            let re = crate::rules::lazy_regex::compile(pattern).unwrap();
            let Some(literals) = required(pattern) else {
                unfiltered.push(pattern);
                continue;
            };
            for text in &texts {
                if re.is_match(text) {
                    assert!(
                        literals.iter().any(|l| text.contains(l.as_str())),
                        "{pattern} matches {text:?} without any of {literals:?}"
                    );
                }
            }
        }
        // A regex that can match without any word of its own runs on every
        // sentence of every file: give each branch a word.
        assert!(
            unfiltered.is_empty(),
            "regexes without literals: {unfiltered:#?}"
        );
    }

    #[test]
    fn the_table_and_the_automaton_mark_the_same_patterns() {
        let needs: Vec<Option<Vec<String>>> =
            builtin_regexes().iter().map(|p| required(p)).collect();
        let (table, automaton) = (Index::build(&needs, true), Index::build(&needs, false));
        assert!(matches!(table.finder, Some(Finder::Table(_))));
        assert!(matches!(automaton.finder, Some(Finder::Automaton(_))));
        let mut marked = 0;
        for text in texts() {
            let mut a = vec![0; table.words()];
            let mut b = vec![0; automaton.words()];
            table.scan(&text, &mut a);
            automaton.scan(&text, &mut b);
            assert_eq!(a, b, "{text:?}");
            marked += a.iter().map(|w| w.count_ones()).sum::<u32>();
        }
        assert!(marked > 1000, "{marked}");
    }

    #[test]
    fn the_index_marks_the_patterns_whose_literals_a_text_has() {
        let hedge = register("かもしれ(?:ない|ません)");
        let guess = register(r"[\p{Han}]{1,4}と思われ");
        let any = register(r"[0-9]+");
        assert_eq!(register("かもしれ(?:ない|ません)"), hedge);
        let index = index();
        let bits = |text: &str| {
            let mut b = vec![0; index.words()];
            index.scan(text, &mut b);
            b
        };
        let b = bits("雨かもしれません。");
        assert!(index.may_match(hedge, &b) && !index.may_match(guess, &b));
        assert!(
            index.may_match(any, &b),
            "a pattern without literals may match anything"
        );
        let b = bits("晴れと思われます。");
        assert!(!index.may_match(hedge, &b) && index.may_match(guess, &b));
        // A pattern registered after the index was built may match.
        let later = register("この文字列はどこにもない");
        assert!(index.may_match(later, &bits("")));
    }

    /// A regex made of a few letters, classes, groups and repetitions.
    pub(crate) fn small_regex() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = proptest::sample::select(vec![
            "a",
            "b",
            "ab",
            "あ",
            "あい",
            "[ab]",
            "[あいう]",
            "[a-z]",
            r"\d",
            ".",
            "^",
            "$",
            r"\b",
        ])
        .prop_map(str::to_owned);
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
                proptest::collection::vec(inner.clone(), 2..4)
                    .prop_map(|v| format!("(?:{})", v.join("|"))),
                (
                    inner,
                    proptest::sample::select(vec!["?", "*", "+", "{2}", "{0,2}", "{1,3}", "??"])
                )
                    .prop_map(|(r, op)| format!("(?:{r}){op}")),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 3000,
            failure_persistence: None,
            ..Default::default()
        })]
        /// Whatever a regex matches contains one of its literals.
        #[test]
        fn a_match_contains_one_of_the_literals(
            pattern in small_regex(),
            text in "[abcあいう1 ]{0,12}",
        ) {
            let re = regex::Regex::new(&pattern).unwrap();
            if let (Some(literals), true) = (required(&pattern), re.is_match(&text)) {
                proptest::prop_assert!(
                    literals.iter().any(|l| text.contains(l.as_str())),
                    "{} matches {:?} without any of {:?}", pattern, text, literals
                );
            }
        }
    }
}
