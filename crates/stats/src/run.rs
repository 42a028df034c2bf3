//! Run charts: a measure in time order around its median, and the rules
//! that say a pattern is unlikely to be chance (Provost & Murray, *The
//! Health Care Data Guide*, 2011, ch. 3; the IHI's run-chart rules):
//!
//! - **Shift**: six or more consecutive points all above or all below the
//!   median. A point on the median neither breaks nor extends a run.
//! - **Trend**: five or more consecutive points all going up or all going
//!   down. A point equal to the one before is not counted and does not
//!   break the trend.
//!
//! The rules are applied only to a chart of at least
//! [`MIN_POINTS`] useful points (not on the median), as the guide advises;
//! the other two rules of the guide (too few or too many runs from the
//! Swed–Eisenhart table, an astronomical point) are not applied.
//! Indices are those of the points given, `NaN` points are left out of
//! everything (a week without tickets).

use crate::describe::median;

/// Points needed (not on the median) before the rules are applied.
pub const MIN_POINTS: usize = 10;
/// Points in a row on one side of the median that make a shift.
pub const SHIFT: usize = 6;
/// Points in a row going one way that make a trend.
pub const TREND: usize = 5;

/// Which way a signal points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Above the median, or rising.
    Up,
    /// Below the median, or falling.
    Down,
}

/// A stretch of points that makes a signal: the first and the last index,
/// and how many points counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    pub first: usize,
    pub last: usize,
    pub points: usize,
    pub direction: Direction,
}

/// A run chart's centre and its signals.
#[derive(Debug, Clone, PartialEq)]
pub struct RunChart {
    pub median: f64,
    /// Points not on the median (NaN left out).
    pub useful: usize,
    /// Whether there were enough points to apply the rules.
    pub applied: bool,
    pub shifts: Vec<Signal>,
    pub trends: Vec<Signal>,
}

/// The run chart of `values` around their own median.
pub fn run_chart(values: &[f64]) -> RunChart {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let m = median(&finite);
    run_chart_around(values, m)
}

/// The run chart of `values` around `centre` (a baseline's median frozen
/// and extended).
pub fn run_chart_around(values: &[f64], centre: f64) -> RunChart {
    let useful = values
        .iter()
        .filter(|v| v.is_finite() && **v != centre)
        .count();
    let applied = centre.is_finite() && useful >= MIN_POINTS;
    RunChart {
        median: centre,
        useful,
        applied,
        shifts: if applied {
            shifts(values, centre)
        } else {
            Vec::new()
        },
        trends: if applied { trends(values) } else { Vec::new() },
    }
}

/// Runs of at least [`SHIFT`] points on one side of `centre`.
pub fn shifts(values: &[f64], centre: f64) -> Vec<Signal> {
    let mut out = Vec::new();
    // (direction, first index, last index, points)
    let mut run: Option<(Direction, usize, usize, usize)> = None;
    let close = |run: Option<(Direction, usize, usize, usize)>, out: &mut Vec<Signal>| {
        if let Some((direction, first, last, points)) = run
            && points >= SHIFT
        {
            out.push(Signal {
                first,
                last,
                points,
                direction,
            });
        }
    };
    for (i, &v) in values.iter().enumerate() {
        if !v.is_finite() || v == centre {
            continue;
        }
        let side = if v > centre {
            Direction::Up
        } else {
            Direction::Down
        };
        run = match run {
            Some((d, first, _, points)) if d == side => Some((d, first, i, points + 1)),
            other => {
                close(other, &mut out);
                Some((side, i, i, 1))
            }
        };
    }
    close(run, &mut out);
    out
}

/// Runs of at least [`TREND`] points each higher (or each lower) than the
/// one before; a repeated value is skipped.
pub fn trends(values: &[f64]) -> Vec<Signal> {
    // The points that count: finite, and not equal to the one before.
    let mut pts: Vec<(usize, f64)> = Vec::new();
    for (i, &v) in values.iter().enumerate() {
        if !v.is_finite() {
            continue;
        }
        if pts.last().is_some_and(|&(_, p)| p == v) {
            continue;
        }
        pts.push((i, v));
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start + 1 < pts.len() {
        let up = pts[start + 1].1 > pts[start].1;
        let mut end = start + 1;
        while end + 1 < pts.len() && (pts[end + 1].1 > pts[end].1) == up {
            end += 1;
        }
        let points = end - start + 1;
        if points >= TREND {
            out.push(Signal {
                first: pts[start].0,
                last: pts[end].0,
                points,
                direction: if up { Direction::Up } else { Direction::Down },
            });
        }
        // The last point of a run starts the next one.
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_on_one_side_is_a_shift_and_the_median_does_not_break_it() {
        // Median of these 12 is 5.
        let v = [1.0, 9.0, 2.0, 8.0, 6.0, 7.0, 5.0, 8.0, 9.0, 6.0, 1.0, 2.0];
        let s = shifts(&v, 5.0);
        assert_eq!(
            s,
            vec![Signal {
                first: 3,
                last: 9,
                points: 6,
                direction: Direction::Up
            }]
        );
        // Five are not enough.
        assert!(shifts(&[6.0, 6.0, 6.0, 6.0, 6.0, 1.0], 5.0).is_empty());
    }

    #[test]
    fn five_going_one_way_is_a_trend_and_a_repeat_is_skipped() {
        let v = [5.0, 4.0, 4.0, 3.0, 2.0, 1.0, 3.0];
        assert_eq!(
            trends(&v),
            vec![Signal {
                first: 0,
                last: 5,
                points: 5,
                direction: Direction::Down
            }]
        );
        // Four steps up after the fall share its last point.
        let v = [5.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        let t = trends(&v);
        assert_eq!(t.len(), 2);
        assert_eq!((t[1].first, t[1].last, t[1].points), (4, 8, 5));
        assert!(trends(&[1.0, 2.0, 3.0, 4.0]).is_empty());
    }

    #[test]
    fn too_few_points_apply_no_rule() {
        let c = run_chart(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        assert!(!c.applied);
        assert!(c.trends.is_empty());
        let c = run_chart(&[
            1.0,
            2.0,
            3.0,
            4.0,
            5.0,
            6.0,
            f64::NAN,
            7.0,
            8.0,
            9.0,
            10.0,
            11.0,
            12.0,
        ]);
        assert!(c.applied);
        assert_eq!(c.median, 6.5);
        assert_eq!(c.trends.len(), 1);
        assert_eq!(c.trends[0].points, 12);
        assert_eq!(c.shifts.len(), 2);
        assert_eq!((c.shifts[0].first, c.shifts[0].last), (0, 5));
        assert_eq!((c.shifts[1].first, c.shifts[1].last), (7, 12));
    }
}
