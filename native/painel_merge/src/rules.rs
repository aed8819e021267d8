//! ocdsmerge's merge rules as a tree, read from text lines "path/to/field<TAB>rule".

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    None,
    OmitWhenMerged,
    WholeListMerge,
}

pub struct RuleNode {
    pub rule: Rule,
    children: Vec<(String, usize)>,
}

/// Node 0 is the root (a release's top-level fields). Array items share their array's node, as in ocdsmerge's
/// paths, which leave out array indexes.
pub struct Rules {
    nodes: Vec<RuleNode>,
}

impl Rules {
    pub const ROOT: usize = 0;

    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut rules = Rules {
            nodes: vec![RuleNode {
                rule: Rule::None,
                children: Vec::new(),
            }],
        };
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let (path, name) = line
                .split_once('\t')
                .ok_or_else(|| format!("no tab in rule line {line:?}"))?;
            let rule = match name.trim() {
                "omitWhenMerged" => Rule::OmitWhenMerged,
                "wholeListMerge" => Rule::WholeListMerge,
                other => return Err(format!("unknown merge rule {other:?}")),
            };
            let mut node = Rules::ROOT;
            for part in path.split('/') {
                node = rules.child_or_new(node, part);
            }
            rules.nodes[node].rule = rule;
        }
        Ok(rules)
    }

    fn child_or_new(&mut self, node: usize, name: &str) -> usize {
        if let Some(child) = self.child(Some(node), name) {
            return child;
        }
        let child = self.nodes.len();
        self.nodes.push(RuleNode {
            rule: Rule::None,
            children: Vec::new(),
        });
        self.nodes[node].children.push((name.to_owned(), child));
        child
    }

    /// The node of field `name` under `node` (None: no rule applies there or anywhere below).
    pub fn child(&self, node: Option<usize>, name: &str) -> Option<usize> {
        let children = &self.nodes[node?].children;
        children
            .iter()
            .find(|(key, _)| key == name)
            .map(|&(_, child)| child)
    }

    pub fn rule(&self, node: Option<usize>) -> Rule {
        node.map_or(Rule::None, |node| self.nodes[node].rule)
    }
}
