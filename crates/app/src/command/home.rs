//! The home screen: counts, to-do and the search across registers.

use super::{command, Command};
use crate::{
    home::{self, Home},
    person::{self, SearchGroup},
    todo::{self, TodoItem},
};

pub const ALL: &[Command] = &[
    command!(home.summary() -> Home, Read + Community, |db, ctx| home::home(db, ctx)),
    command!(home.todo() -> Vec<TodoItem>, Read + Community, |db, ctx| todo::todo(db, ctx)),
    command!(
        /// Every register at once: by name, pinyin initials, ID or phone digits.
        home.search(text: String) -> Vec<SearchGroup>, Read + Community, |db, ctx| person::search(db, ctx, &text)
    ),
];
