//! Domain types and rules of Taizhang's registers.
//!
//! Pure functions over values: 公民身份号码 rules, phone numbers, masking, pinyin search keys, the
//! organisation tree's shape, built-in dictionaries and the party-member register's rules.
//! This crate does no IO and never reads the clock: callers pass `today` in.

#![warn(missing_docs)]

pub mod appeal;
pub mod audit;
pub mod backup;
pub mod built;
pub mod date;
pub mod dict;
pub mod dispute;
pub mod form;
pub mod grid;
pub mod hours;
pub mod house;
pub mod household;
pub mod id_number;
pub mod import;
mod labelled;
pub mod mask;
pub mod meeting;
pub mod name_key;
pub mod natural;
pub mod org;
pub mod party_member;
pub mod person;
pub mod phone;
pub mod points;
pub mod progress;
pub mod search;
pub mod talent;
pub mod todo;
pub mod user;
pub mod visit;
pub mod vocab;
