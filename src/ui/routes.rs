//! The app's pages and their addresses.
//!
//! Each page lives at `<base>/<slug>/`. The release build also writes `<slug>/index.html`
//! (see `scripts/post-build.sh`), so any static host serves a deep link or a reload without
//! rewrite rules; [`Page::ALL`] and that script must list the same slugs (a test checks).

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Today,
    Customers,
    Plan,
    Pipeline,
    Dashboard,
    Settings,
}

impl Page {
    /// In navigation order.
    pub const ALL: [Page; 6] = [
        Page::Today,
        Page::Customers,
        Page::Plan,
        Page::Pipeline,
        Page::Dashboard,
        Page::Settings,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Today => "today",
            Page::Customers => "customers",
            Page::Plan => "plan",
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
            Page::Pipeline => t.nav_pipeline(),
            Page::Dashboard => t.nav_dashboard(),
            Page::Settings => t.nav_settings(),
        }
    }

    /// The page's address under `base` (as from [`super::browser::app_base`]).
    pub fn href(self, base: &str) -> String {
        format!("{base}/{}/", self.slug())
    }

    /// The page a path shows: the app's root is Today.
    pub fn from_path(path: &str, base: &str) -> Option<Page> {
        let rest = path.strip_prefix(base).unwrap_or(path);
        let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
        if first.is_empty() || first == "index.html" {
            return Some(Page::Today);
        }
        Page::ALL.into_iter().find(|p| p.slug() == first)
    }
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
        }
    }

    #[test]
    fn every_page_gets_a_static_entry_in_the_build() {
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
        let slugs: Vec<&str> = Page::ALL.iter().map(|p| p.slug()).collect();
        assert_eq!(listed, slugs);
    }
}
