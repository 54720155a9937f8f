//! A look inside compound (OLE) files before the parser sees them. calamine trusts the sizes and
//! positions a file declares: a looping sector chain, a DIMENSIONS record claiming billions of
//! cells, or a cell beyond column IV makes it allocate without bound — an abort, not an error
//! (all three found by the fuzz harness). This module walks the file's own structure and refuses
//! such files with a clerk's message.

use crate::{budget::Budget, ReadError};

const END: u32 = 0xFFFF_FFFE;

fn bad(what: &str) -> ReadError {
    ReadError::Corrupt(what.to_owned())
}

fn u16_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 2)
        .map(|x| u32::from(u16::from_le_bytes([x[0], x[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    sectors: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, ReadError> {
        let shift = u16_at(bytes, 30).ok_or_else(|| bad("文件头不完整"))?;
        if shift != 9 && shift != 12 {
            return Err(bad("文件头损坏"));
        }
        let sector = 1usize << shift;
        let sectors = bytes.len().saturating_sub(512).div_ceil(sector);
        let mut c = Self {
            bytes,
            sector,
            sectors,
            fat: Vec::new(),
        };
        // FAT sector ids: 109 in the header, the rest in a chain of DIFAT sectors.
        let fat_count = u32_at(bytes, 44).unwrap_or(0) as usize;
        let mut ids: Vec<u32> = (0..fat_count.min(109))
            .filter_map(|i| u32_at(bytes, 76 + 4 * i))
            .collect();
        let mut difat = u32_at(bytes, 68).unwrap_or(END);
        let mut hops = 0;
        while difat < END && ids.len() < fat_count {
            hops += 1;
            if hops > c.sectors {
                return Err(bad("扇区分配表链损坏"));
            }
            let s = c.sector_bytes(difat)?;
            let per = sector / 4 - 1;
            ids.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
            difat = u32_at(s, 4 * per).unwrap_or(END);
        }
        ids.truncate(fat_count);
        for id in ids {
            let s = c.sector_bytes(id)?;
            c.fat
                .extend((0..sector / 4).filter_map(|i| u32_at(s, 4 * i)));
        }
        Ok(c)
    }

    fn sector_bytes(&self, id: u32) -> Result<&'a [u8], ReadError> {
        let start = 512 + id as usize * self.sector;
        self.bytes
            .get(start..(start + self.sector).min(self.bytes.len()))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("扇区超出文件末尾"))
    }

    /// The bytes of a chain, refusing loops and chains longer than the file.
    fn chain(&self, mut id: u32, limit: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut steps = 0;
        while id != END && out.len() < limit {
            steps += 1;
            if steps > self.sectors {
                return Err(bad("扇区链循环"));
            }
            out.extend_from_slice(self.sector_bytes(id)?);
            id = *self.fat.get(id as usize).ok_or_else(|| bad("扇区链损坏"))?;
        }
        out.truncate(limit);
        Ok(out)
    }

    /// A stream by name (Workbook or Book), through the mini stream when it is small.
    fn stream(&self, names: &[&str]) -> Result<Option<Vec<u8>>, ReadError> {
        let dir = self.chain(u32_at(self.bytes, 48).unwrap_or(END), usize::MAX)?;
        let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
        let Some(root) = entries.first() else {
            return Err(bad("没有目录"));
        };
        let mini_cutoff = u32_at(self.bytes, 56).unwrap_or(4096) as usize;
        for e in &entries {
            let name_len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
            let name: String = char::decode_utf16(
                e[..name_len.saturating_sub(2)]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]])),
            )
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect();
            if !names.contains(&name.as_str()) {
                continue;
            }
            let start = u32_at(e, 116).unwrap_or(END);
            let size = u32_at(e, 120).unwrap_or(0) as usize;
            if size >= mini_cutoff {
                return self.chain(start, size).map(Some);
            }
            // Small streams live in 64-byte mini sectors inside the root entry's stream.
            let mini_stream = self.chain(
                u32_at(root, 116).unwrap_or(END),
                u32_at(root, 120).unwrap_or(0) as usize,
            )?;
            let mini_fat_bytes = self.chain(u32_at(self.bytes, 60).unwrap_or(END), usize::MAX)?;
            let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
                .filter_map(|i| u32_at(&mini_fat_bytes, 4 * i))
                .collect();
            let mut out = Vec::new();
            let (mut id, mut steps) = (start, 0);
            while id != END && out.len() < size {
                steps += 1;
                if steps > mini_fat.len() + 1 {
                    return Err(bad("短扇区链循环"));
                }
                let at = id as usize * 64;
                out.extend_from_slice(
                    mini_stream
                        .get(at..at + 64)
                        .ok_or_else(|| bad("短扇区超出范围"))?,
                );
                id = *mini_fat
                    .get(id as usize)
                    .ok_or_else(|| bad("短扇区链损坏"))?;
            }
            out.truncate(size);
            return Ok(Some(out));
        }
        Ok(None)
    }
}

/// Refuses a compound file the parser could not survive.
pub fn check(bytes: &[u8]) -> Result<(), ReadError> {
    let file = Compound::new(bytes)?;
    if let Some(book) = file.stream(&["Workbook", "Book"])? {
        check_biff(&book)?;
    }
    Ok(())
}

/// Counts the text calamine will store against `budget`: each shared string once per cell that
/// shows it (calamine copies the string into each).
pub fn count(bytes: &[u8], budget: &Budget) -> Result<(), ReadError> {
    let file = Compound::new(bytes)?;
    let Some(book) = file.stream(&["Workbook", "Book"])? else {
        return Ok(());
    };
    let mut lengths = Vec::new();
    let mut all = records(&book).peekable();
    while let Some((typ, data)) = all.next() {
        match typ {
            0x00FC => {
                let mut pieces = vec![data];
                while let Some((_, more)) = all.next_if(|(t, _)| *t == 0x003C) {
                    pieces.push(more);
                }
                lengths = shared_lengths(pieces);
            }
            // LabelSst: a UTF-16 unit is at most three bytes of UTF-8.
            0x00FD => {
                let index = u32_at(data, 6).unwrap_or(0) as usize;
                let chars = lengths.get(index).copied().unwrap_or(0);
                budget.text(3 * u64::from(chars))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The records of a BIFF stream: type and data.
fn records(s: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at + 4 > s.len() {
            return None;
        }
        let typ = u16_at(s, at).unwrap_or(0);
        let len = u16_at(s, at + 2).unwrap_or(0) as usize;
        let data = s.get(at + 4..(at + 4 + len).min(s.len())).unwrap_or(&[]);
        at += 4 + len;
        Some((typ, data))
    })
}

/// Reads across the SST record and the CONTINUE records after it.
struct Pieces<'a> {
    pieces: Vec<&'a [u8]>,
    piece: usize,
    at: usize,
}

impl Pieces<'_> {
    fn left(&self) -> usize {
        self.pieces
            .get(self.piece)
            .map_or(0, |p| p.len().saturating_sub(self.at))
    }

    /// Moves to the next piece; false when there is none.
    fn next_piece(&mut self) -> bool {
        self.piece += 1;
        self.at = 0;
        self.piece < self.pieces.len()
    }

    fn byte(&mut self) -> Option<u32> {
        while self.left() == 0 {
            if !self.next_piece() {
                return None;
            }
        }
        let b = self.pieces[self.piece][self.at];
        self.at += 1;
        Some(u32::from(b))
    }

    fn u16(&mut self) -> Option<u32> {
        Some(self.byte()? | self.byte()? << 8)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(self.u16()? | self.u16()? << 16)
    }

    fn skip(&mut self, mut n: usize) {
        while n > 0 {
            let step = n.min(self.left());
            self.at += step;
            n -= step;
            if n > 0 && !self.next_piece() {
                return;
            }
        }
    }
}

/// The length in characters of each shared string. A string's characters may carry on into
/// the next CONTINUE record, which then begins with the string's flags byte again.
fn shared_lengths(pieces: Vec<&[u8]>) -> Vec<u32> {
    let mut p = Pieces {
        pieces,
        piece: 0,
        at: 0,
    };
    let mut lengths = Vec::new();
    p.skip(8); // the counts of strings shown and kept: the data says how many there are
               // Every string takes at least three bytes, so the data ends the loop, whatever the count.
    while let (Some(chars), Some(flags)) = (p.u16(), p.byte()) {
        let runs = if flags & 8 != 0 {
            p.u16().unwrap_or(0)
        } else {
            0
        };
        let extra = if flags & 4 != 0 {
            p.u32().unwrap_or(0)
        } else {
            0
        };
        let (mut wide, mut left) = (flags & 1 != 0, chars as usize);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let take = left.min(p.left() / width);
            p.at += take * width;
            left -= take;
            if left > 0 {
                if !p.next_piece() {
                    break;
                }
                wide = p.byte().is_some_and(|f| f & 1 != 0);
            }
        }
        p.skip(runs as usize * 4 + extra as usize);
        lengths.push(chars);
    }
    lengths
}

/// Every cell within 65,536 rows × 256 columns, as BIFF8 allows, and no DIMENSIONS beyond that
/// (so calamine stores at most 16,777,216 cells, within the budget's count).
fn check_biff(s: &[u8]) -> Result<(), ReadError> {
    let outside = || bad("单元格位置超出工作表范围");
    for (typ, data) in records(s) {
        let len = data.len();
        match typ {
            // Number, Label, LabelSst, Rk, Blank, BoolErr, Formula, RString
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0201 | 0x0205 | 0x0006 | 0x00D6
                if u16_at(data, 2).is_some_and(|col| col > 0xFF) =>
            {
                return Err(outside());
            }
            // MulRk, MulBlank: first and last column
            0x00BD | 0x00BE if len >= 6 => {
                let first = u16_at(data, 2).unwrap_or(0);
                let last = u16_at(data, len - 2).unwrap_or(0);
                if first > 0xFF || last > 0xFF || last < first {
                    return Err(outside());
                }
            }
            0x0200 if len == 14 || len == 16 => {
                let (rf, rl) = (u32_at(data, 0).unwrap_or(0), u32_at(data, 4).unwrap_or(0));
                let (cf, cl) = (u16_at(data, 8).unwrap_or(0), u16_at(data, 10).unwrap_or(0));
                if rl > 65_536 || rf > rl || cl > 0x100 || (cf > cl && cf <= 0xFF) {
                    return Err(bad("工作表尺寸记录异常"));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    /// A string whose characters carry on into a CONTINUE record (which starts with the flags
    /// byte again, here switching from two bytes a character to one), then a plain one.
    #[test]
    fn shared_lengths_follow_a_string_across_records() {
        let sst: &[u8] = &[2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 1, 0x5A, 0x51, 0x5A, 0x51];
        let more: &[u8] = &[0, b'a', b'b', b'c', 2, 0, 0, b'x', b'y'];
        assert_eq!(super::shared_lengths(vec![sst, more]), vec![5, 2]);
    }
}
