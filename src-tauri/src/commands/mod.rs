//! One module per register; each command is one input, one use-case call.

pub mod archive;
pub mod audit;
pub mod backup;
pub mod dict;
pub mod export;
pub mod house;
pub mod import;
pub mod meeting;
pub mod org;
pub mod party_member;
pub mod person;
pub mod points;
pub mod print;
pub mod recycle_bin;
pub mod setup;
pub mod talent;
pub mod user;
