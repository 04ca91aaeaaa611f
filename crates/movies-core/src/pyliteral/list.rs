//! A list of dicts, read entry by entry: a malformed entry is skipped and reported,
//! the others are kept.

use super::limits::MAX_LIST_ITEMS;
use super::parser::Parser;
use super::report::{BrokenList, ListReport, LiteralError};
use super::scalar::FromDict;
use super::skip::AfterSkip;

/// Parses a list of dicts (`[{...}, {...}]`) into `out`, appending one `T` per dict.
///
/// An empty field, `None` or `null` is an empty list. The list is read entry by entry,
/// an entry being the text between two top-level commas:
///
/// - an entry that is not exactly one well-formed dict is skipped, up to the `,` or `]`
///   that ends it (brackets of every kind counted outside quoted strings, as nested
///   values are skipped; at most [`MAX_DEPTH`](super::MAX_DEPTH) deep), and reading goes on with the next
///   entry; it is reported in [`ListReport::skipped`];
/// - when the end of an entry cannot be found (the text ends inside it, in a string or a
///   bracket, or it nests too deep), or the list is not a list, holds more than
///   [`MAX_LIST_ITEMS`] entries or is followed by other text, reading stops: the entries
///   read before are kept and [`ListReport::broken`] says where.
///
/// Every byte is read at most twice (once by the parser, once when skipping its
/// entry), without recursion, so hostile text costs linear time and constant stack.
pub fn parse_dict_list<'a, T: FromDict<'a>>(input: &'a str, out: &mut Vec<T>) -> ListReport {
    Parser::new(input).dict_list(out)
}

impl<'a> Parser<'a> {
    pub(super) fn dict_list<T: FromDict<'a>>(&mut self, out: &mut Vec<T>) -> ListReport {
        let mut report = ListReport::default();
        self.skip_ws();
        if self.at_end() || self.eat_word("None") || self.eat_word("null") {
            if let Err(error) = self.expect_end() {
                report.broken = Some(BrokenList { index: 0, start: 0, error });
            }
            return report;
        }
        if !self.eat(b'[') {
            let error = LiteralError { offset: self.pos, problem: "expected '[' to open a list" };
            report.broken = Some(BrokenList { index: 0, start: 0, error });
            return report;
        }
        // Entries seen, kept or skipped.
        let mut index = 0;
        loop {
            self.skip_ws();
            let start = self.pos;
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    let error = LiteralError { offset: start, problem: "unterminated list" };
                    report.broken = Some(BrokenList { index, start, error });
                    return report;
                }
                _ => {}
            }
            if index == MAX_LIST_ITEMS {
                let error = LiteralError { offset: start, problem: "list longer than the limit of 10000 items" };
                report.broken = Some(BrokenList { index, start, error });
                return report;
            }
            index += 1;
            // An entry is kept only when one dict fills it up to its `,` or `]`.
            let error = match self.dict::<T>() {
                Ok(item) => {
                    out.push(item);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            continue;
                        }
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => {
                            // A whole dict, then the end of a list cut short: keep it.
                            let error = LiteralError { offset: self.pos, problem: "unterminated list" };
                            report.broken = Some(BrokenList { index, start: self.pos, error });
                            return report;
                        }
                        _ => {
                            out.pop();
                            LiteralError { offset: self.pos, problem: "expected ',' or ']' after a list item" }
                        }
                    }
                }
                Err(error) => error,
            };
            match self.skip_entry(start, index - 1, error, &mut report) {
                AfterSkip::Next => {}
                AfterSkip::ListEnd => break,
                AfterSkip::Broken => return report,
            }
        }
        if let Err(error) = self.expect_end() {
            report.broken = Some(BrokenList { index, start: error.offset, error });
        }
        report
    }
}
