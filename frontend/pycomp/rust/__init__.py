"""The Rust side of the compiler: the lowering stage (typed IR to a Rust-shaped IR, ownership decided once) and its printer."""
