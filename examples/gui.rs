//! Opens the Shipshape window: `cargo run --example gui [FILE]`.

fn main() -> anyhow::Result<()> {
    shipshape::ui::run(std::env::args_os().nth(1).map(Into::into))
}
