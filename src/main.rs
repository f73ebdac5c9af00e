//! Entry point of the browser app: everything lives in the library so tests can reach it.

fn main() {
    kehu_weihu::ui::mount();
}
