//! Each contract's first published value, from the releases the merge has just parsed: loaders/first_values.sql's
//! rule, so that the loader need not read the stored releases a second time (at a million processes, 10 s of a
//! full load and a quarter of a 1% one).
//!
//! The rule, for an ocid with more than one release: among its releases in merge order (by `date`, ties in load
//! order), the first `contracts[].value.amount` that is a JSON number, for each contract `id`. Only shapes this port
//! reads exactly as DuckDB does are taken; for anything else (a repeated key, `contracts` that is not an array of
//! objects, an id that is neither a string nor an integer, one id twice in a release, an amount beyond a double)
//! it answers None and the SQL computes that ocid.

use crate::json::{self, Kind, Node};

pub struct FirstValue {
    pub contract_id: Option<String>,
    pub amount: f64,
}

/// The first values of one ocid's releases (`order`: their merge order), or None if the SQL must compute them.
pub fn first_values(tapes: &[Vec<Node>], texts: &[&str], order: &[usize]) -> Option<Vec<FirstValue>> {
    let mut found: Vec<FirstValue> = Vec::new();
    for &release in order {
        let (tape, text) = (&tapes[release][..], texts[release]);
        if tape[0].flag {
            return None;
        }
        let Some(contracts) = json::member(tape, text, 0, "contracts") else {
            continue;
        };
        if tape[contracts].kind != Kind::Array {
            return None;
        }
        let mut in_release: Vec<Option<String>> = Vec::new();
        for contract in json::elements(tape, contracts) {
            let (contract_id, amount) = contract_value(tape, text, contract)?;
            let Some(amount) = amount else { continue };
            if in_release.contains(&contract_id) {
                return None; // DuckDB's ARG_MIN would pick either of two values with the same date and release
            }
            if !found.iter().any(|first| first.contract_id == contract_id) {
                found.push(FirstValue { contract_id: contract_id.clone(), amount });
            }
            in_release.push(contract_id);
        }
    }
    Some(found)
}

/// A contract's id (its text, as DuckDB's `->> '$'` gives it) and its numeric amount, if any; None outside the port.
fn contract_value(tape: &[Node], text: &str, contract: usize) -> Option<(Option<String>, Option<f64>)> {
    if tape[contract].kind != Kind::Object || tape[contract].flag {
        return None;
    }
    let contract_id = match json::member(tape, text, contract, "id") {
        None => None,
        Some(at) => match tape[at].kind {
            Kind::Null => None,
            Kind::String => Some(json::string_value(tape, text, at).into_owned()),
            Kind::Integer => Some(json::raw(tape, text, at).to_string()),
            _ => return None,
        },
    };
    let amount = match json::member(tape, text, contract, "value") {
        None => None,
        Some(value) if tape[value].kind == Kind::Null => None,
        Some(value) if tape[value].kind != Kind::Object || tape[value].flag => return None,
        Some(value) => match json::member(tape, text, value, "amount") {
            Some(at) if matches!(tape[at].kind, Kind::Integer | Kind::Float) => {
                let amount: f64 = json::raw(tape, text, at).parse().ok()?;
                if !amount.is_finite() {
                    return None;
                }
                Some(amount)
            }
            _ => None,
        },
    };
    Some((contract_id, amount))
}
