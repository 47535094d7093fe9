//! Prints the static home page generated from the catalogue: `cargo run --example home-page >
//! assets/home.html` (a test checks the file is current; the build writes it into the page).

fn main() {
    println!("{}", cs_metrics::engine::home_page::static_home());
}
