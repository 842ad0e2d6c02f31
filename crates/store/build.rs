// Embedded migrations change without any Rust file changing: rebuild when they do.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
