//! Placeholder binary for the cite worktree (the real CLI lives on main).
fn main() {}
