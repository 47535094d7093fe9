//! Long work done in slices. A large import (a million survey rows, 100,000 subscriptions) is
//! more work than one task of the page may hold (200 ms, for the page to keep answering), so
//! its loops are written once, as `async` functions that ask a [`Pace`] every few thousand
//! rows whether the slice has run its time, and if so wait for the next.
//!
//! The engine knows nothing of the browser: the page's pace reads its clock and waits for the
//! next task; [`Unpaced`] never stops, and [`now`] runs such a function to its end at once
//! (the native tests, and every caller that does not mind one long task).

use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

/// Rows between two looks at the clock: a look is cheap but not free (the page's crosses into
/// JavaScript), and a few thousand rows take well under a millisecond.
pub const ROWS_PER_LOOK: usize = 1024;

/// When a slice of long work ends, and how the next one begins.
pub trait Pace {
    /// Whether the current slice has run its time.
    fn due(&mut self) -> bool;
    /// Waits for the next slice.
    fn rest(&mut self) -> Pin<Box<dyn Future<Output = ()> + '_>>;
}

/// A pace that never stops: the work runs in one go.
#[derive(Clone, Copy, Debug, Default)]
pub struct Unpaced;

impl Pace for Unpaced {
    fn due(&mut self) -> bool {
        false
    }

    fn rest(&mut self) -> Pin<Box<dyn Future<Output = ()> + '_>> {
        Box::pin(std::future::ready(()))
    }
}

/// Rests if the slice has run its time; call it every [`ROWS_PER_LOOK`] rows (see [`every`]).
pub async fn tick(pace: &mut dyn Pace) {
    if pace.due() {
        pace.rest().await;
    }
}

/// Whether row `row` is one where a loop looks at the clock.
pub fn every(row: usize) -> bool {
    row % ROWS_PER_LOOK == ROWS_PER_LOOK - 1
}

/// Runs `work` to its end at once. Meant for work paced by [`Unpaced`] (or any pace whose
/// rests end by themselves): a future that waited on something outside would be polled
/// until it ends, so nothing here may be handed one.
pub fn now<F: Future>(work: F) -> F::Output {
    let mut work = pin!(work);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = work.as_mut().poll(&mut context) {
            return out;
        }
    }
}

/// For the tests: a pace that rests every `n`th look, each rest really suspending the work
/// once (so a loop that kept a stale borrow or a half-done state across it would show).
#[derive(Clone, Copy, Debug)]
pub struct EveryNth {
    /// Rest at every `n`th look.
    pub n: usize,
    /// Looks so far.
    pub looks: usize,
    /// Rests so far.
    pub rests: usize,
}

impl EveryNth {
    /// Rests at every `n`th look (`n` ≥ 1).
    pub fn new(n: usize) -> EveryNth {
        EveryNth {
            n: n.max(1),
            looks: 0,
            rests: 0,
        }
    }
}

impl Pace for EveryNth {
    fn due(&mut self) -> bool {
        self.looks += 1;
        self.looks.is_multiple_of(self.n)
    }

    fn rest(&mut self) -> Pin<Box<dyn Future<Output = ()> + '_>> {
        self.rests += 1;
        let mut once = false;
        Box::pin(std::future::poll_fn(move |_| {
            if once {
                Poll::Ready(())
            } else {
                once = true;
                Poll::Pending
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn sum_paced(n: usize, pace: &mut dyn Pace) -> usize {
        let mut total = 0;
        for i in 0..n {
            if every(i) {
                tick(pace).await;
            }
            total += i;
        }
        total
    }

    #[test]
    fn paced_work_ends_with_what_unpaced_work_gives() {
        let n = ROWS_PER_LOOK * 5 + 7;
        let whole = now(sum_paced(n, &mut Unpaced));
        let mut pace = EveryNth::new(2);
        assert_eq!(now(sum_paced(n, &mut pace)), whole);
        assert_eq!(pace.looks, 5);
        assert_eq!(pace.rests, 2);
    }
}
