//! Checked decimal arithmetic, compiled once. rust_decimal marks its addition and subtraction
//! `#[inline(always)]`, so every `checked_add` in the engine carried a copy of its fast paths
//! into the wasm (measured: about 2 kB each). These wrappers are the one place that code is
//! inlined into; everything else calls them.

use rust_decimal::Decimal;

/// `checked_*` for decimals, each a real function.
pub trait Checked: Sized {
    /// self + other, `None` on overflow.
    fn c_add(self, other: Self) -> Option<Self>;
    /// self − other, `None` on overflow.
    fn c_sub(self, other: Self) -> Option<Self>;
    /// self × other, `None` on overflow.
    fn c_mul(self, other: Self) -> Option<Self>;
    /// self / other, `None` on overflow or a zero divisor.
    fn c_div(self, other: Self) -> Option<Self>;
}

impl Checked for Decimal {
    #[inline(never)]
    fn c_add(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }

    #[inline(never)]
    fn c_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }

    #[inline(never)]
    fn c_mul(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }

    #[inline(never)]
    fn c_div(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
}
