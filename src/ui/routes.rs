//! The app's pages and their addresses.
//!
//! Each page lives at `<base>/<slug>/`. The release build also writes `<slug>/index.html`
//! (see `scripts/post-build.sh`), so any static host serves a deep link or a reload without
//! rewrite rules; [`ENTRIES`] and that script must list the same paths (a test checks).
//! Pages about one record take its id in the query (`customer/?id=…`) for the same reason.

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Today,
    Customers,
    Plan,
    Todos,
    Pipeline,
    Dashboard,
    Settings,
}

impl Page {
    /// In navigation order.
    pub const ALL: [Page; 7] = [
        Page::Today,
        Page::Customers,
        Page::Plan,
        Page::Todos,
        Page::Pipeline,
        Page::Dashboard,
        Page::Settings,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Today => "today",
            Page::Customers => "customers",
            Page::Plan => "plan",
            Page::Todos => "todos",
            Page::Pipeline => "pipeline",
            Page::Dashboard => "dashboard",
            Page::Settings => "settings",
        }
    }

    pub fn label(self, t: Lang) -> &'static str {
        match self {
            Page::Today => t.nav_today(),
            Page::Customers => t.nav_customers(),
            Page::Plan => t.nav_plan(),
            Page::Todos => t.nav_todos(),
            Page::Pipeline => t.nav_pipeline(),
            Page::Dashboard => t.nav_dashboard(),
            Page::Settings => t.nav_settings(),
        }
    }

    /// The page's address under `base` (as from [`super::browser::app_base`]), for links.
    pub fn href(self, base: &str) -> String {
        format!("{base}{}", self.path())
    }

    /// The page's path inside the app, for `use_navigate` (which adds the base itself).
    pub fn path(self) -> String {
        format!("/{}/", self.slug())
    }

    /// The navigation page a path belongs to (a customer's profile belongs to Customers); the
    /// app's root is Today.
    pub fn from_path(path: &str, base: &str) -> Option<Page> {
        let rest = path.strip_prefix(base).unwrap_or(path);
        let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
        if first.is_empty() || first == "index.html" {
            return Some(Page::Today);
        }
        match first {
            "customer" | "brief" | "templates" => return Some(Page::Customers),
            "followup" => return Some(Page::Customers),
            _ => {}
        }
        Page::ALL.into_iter().find(|p| p.slug() == first)
    }
}

/// Every path that has its own `index.html` in the build: the navigation's pages and the
/// pages reached from them.
pub const ENTRIES: [&str; 13] = [
    "today",
    "customers",
    "plan",
    "todos",
    "pipeline",
    "dashboard",
    "settings",
    "customers/new",
    "customers/review",
    "customer",
    "followup",
    "brief",
    "templates",
];

/// A customer's profile page, for links.
pub fn customer_href(base: &str, id: &str) -> String {
    format!("{base}{}", customer_path(id))
}

/// A customer's profile page inside the app, for `use_navigate`.
pub fn customer_path(id: &str) -> String {
    format!("/customer/?id={}", query_encode(id))
}

/// Opens Settings at one of its sections (`import`, `backup`, …), e.g. from Customers.
pub fn settings_section_href(base: &str, section: &str) -> String {
    format!("{base}/settings/?section={section}")
}

/// Percent-encodes an id for a query string (ids are UUIDs, but imports may bring others).
fn query_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages_under_any_base() {
        for base in ["", "/tools/crm"] {
            assert_eq!(
                Page::from_path(&format!("{base}/"), base),
                Some(Page::Today)
            );
            assert_eq!(
                Page::from_path(&format!("{base}/index.html"), base),
                Some(Page::Today)
            );
            for page in Page::ALL {
                assert_eq!(Page::from_path(&page.href(base), base), Some(page));
                let no_slash = page.href(base).trim_end_matches('/').to_string();
                assert_eq!(Page::from_path(&no_slash, base), Some(page));
            }
            assert_eq!(Page::from_path(&format!("{base}/nope/"), base), None);
            assert_eq!(
                Page::from_path(&format!("{base}/customer/"), base),
                Some(Page::Customers)
            );
        }
    }

    #[test]
    fn every_entry_gets_a_static_page_in_the_build() {
        // The post-build script writes one index.html per slug; a page missing there would
        // 404 on reload at a static host.
        let script = include_str!("../../scripts/post-build.sh");
        let line = script
            .lines()
            .find(|l| l.starts_with("PAGES="))
            .expect("post-build.sh has a PAGES= line");
        let listed: Vec<&str> = line
            .trim_start_matches("PAGES=")
            .trim_matches('"')
            .split_whitespace()
            .collect();
        assert_eq!(listed, ENTRIES);
        for page in Page::ALL {
            assert!(ENTRIES.contains(&page.slug()), "{page:?} has no entry");
        }
    }

    /// The names after each `prefix` up to `end` in `text`.
    fn between<'a>(text: &'a str, prefix: &str, end: char) -> Vec<&'a str> {
        text.match_indices(prefix)
            .map(|(at, _)| {
                let rest = &text[at + prefix.len()..];
                &rest[..rest.find(end).unwrap()]
            })
            .collect()
    }

    #[test]
    fn every_entry_is_routed_and_every_page_on_demand_is_reached_by_a_route() {
        // One list of pages (ENTRIES): the app's routes and the on-demand loader are checked
        // against it, as post-build.sh's PAGES is above.
        let app = include_str!("mod.rs");
        let routed = between(app, "path!(\"/", '"');
        for entry in ENTRIES {
            assert!(routed.contains(&entry), "{entry} has no route in ui/mod.rs");
        }
        for route in &routed {
            assert!(
                route.is_empty() || *route == "index.html" || ENTRIES.contains(route),
                "the route /{route} is not in ENTRIES"
            );
        }
        let loader = include_str!("on_demand.rs");
        let list = &loader[loader.rfind("on_demand! {").unwrap()..];
        let list = &list[..list.find("\n}").unwrap()];
        let on_demand: Vec<&str> = list
            .lines()
            .filter_map(|l| l.trim().split_once(" => "))
            .map(|(route, _)| route)
            .collect();
        let reached: Vec<&str> = between(app, "on_demand::", ')')
            .into_iter()
            .filter_map(|path| path.strip_suffix("::view"))
            .collect();
        assert_eq!(
            on_demand.len(),
            ENTRIES.len() - 1,
            "every page but Today is on demand"
        );
        for page in &on_demand {
            assert!(
                reached.contains(page),
                "{page} is loaded on demand but no route reaches it"
            );
        }
        for page in &reached {
            assert!(
                on_demand.contains(page),
                "a route reaches {page}, which is not on demand"
            );
        }
    }

    #[test]
    fn record_ids_are_escaped_in_links() {
        assert_eq!(
            customer_href("/crm", "a b/c"),
            "/crm/customer/?id=a%20b%2Fc"
        );
        assert_eq!(customer_href("", "3f2a-9"), "/customer/?id=3f2a-9");
    }
}
