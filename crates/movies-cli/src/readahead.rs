//! Reading a source on its own thread, so that inflating the zip entry and cleaning
//! its records run on different cores.
//!
//! The producer thread opens the source and sends 1 MiB chunks through a bounded
//! channel (a few chunks in flight, so memory stays flat); buffers come back through a
//! second channel to be reused. The consumer sees an ordinary [`Read`].

use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::Scope;

use movies_core::InputError;

const CHUNK: usize = 1 << 20;
const IN_FLIGHT: usize = 4;

enum Message {
    /// A chunk and how many of its bytes are data (chunks keep their full length so
    /// that reusing one never zeroes it again).
    Data(Vec<u8>, usize),
    Failed(io::Error),
}

/// The consuming end: a [`Read`] over the chunks the producer sends.
pub struct ChannelReader {
    chunks: Receiver<Message>,
    recycle: SyncSender<Vec<u8>>,
    current: Vec<u8>,
    len: usize,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.len {
            match self.chunks.recv() {
                Ok(Message::Data(chunk, len)) => {
                    let spent = std::mem::replace(&mut self.current, chunk);
                    let _ = self.recycle.try_send(spent);
                    self.len = len;
                    self.pos = 0;
                }
                Ok(Message::Failed(e)) => return Err(e),
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.len - self.pos);
        buf[..n].copy_from_slice(&self.current[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Starts a thread in `scope` that runs `open` and pumps what it opens into the
/// returned reader. An error of `open` is returned before any data is read.
pub fn spawn<'scope, 'env, F>(scope: &'scope Scope<'scope, 'env>, open: F) -> Result<ChannelReader, InputError>
where
    F: FnOnce(&mut dyn FnMut(&mut dyn Read)) -> Result<(), InputError> + Send + 'scope,
{
    let (opened_tx, opened_rx) = sync_channel::<Result<(), InputError>>(1);
    let (chunks_tx, chunks_rx) = sync_channel::<Message>(IN_FLIGHT);
    let (recycle_tx, recycle_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT + 2);
    scope.spawn(move || {
        let mut pump = |reader: &mut dyn Read| {
            let _ = opened_tx.send(Ok(()));
            pump_chunks(reader, &chunks_tx, &recycle_rx);
        };
        if let Err(e) = open(&mut pump) {
            let _ = opened_tx.send(Err(e));
        }
    });
    match opened_rx.recv() {
        Ok(Err(e)) => Err(e),
        Ok(Ok(())) | Err(_) => {
            Ok(ChannelReader { chunks: chunks_rx, recycle: recycle_tx, current: Vec::new(), len: 0, pos: 0 })
        }
    }
}

fn pump_chunks(reader: &mut dyn Read, chunks: &SyncSender<Message>, recycle: &Receiver<Vec<u8>>) {
    loop {
        // The reader's first `current` is an empty Vec and comes back too: reading into
        // it would see a 0-byte read as the end of the input and cut it short.
        let mut chunk = recycle.try_recv().ok().filter(|c| c.len() == CHUNK).unwrap_or_else(|| vec![0; CHUNK]);
        let mut len = 0;
        while len < CHUNK {
            match reader.read(&mut chunk[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    if len > 0 && chunks.send(Message::Data(chunk, len)).is_err() {
                        return;
                    }
                    let _ = chunks.send(Message::Failed(e));
                    return;
                }
            }
        }
        if len == 0 || chunks.send(Message::Data(chunk, len)).is_err() {
            return;
        }
    }
}
