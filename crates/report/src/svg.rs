//! Small SVG charts, written by hand: no font or image library, readable in
//! greyscale print (values are printed on the marks, series differ in shade
//! and in pattern), numbers in the reader's format.

use std::fmt::Write;

use monev_domain::Lang;
use monev_domain::format::number;

use crate::esc;

const DARK: &str = "#1f4e79";
const LIGHT: &str = "#9dc3e6";
const ACCENT: &str = "#c55a11";
const GRID: &str = "#d9d9d9";
const FONT: &str = "font-family=\"system-ui, sans-serif\" font-size=\"12\"";

/// One labelled bar (or pair of bars).
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

/// Horizontal bars, one or two series, with an optional target line.
pub struct HBars<'a> {
    pub title: &'a str,
    /// Names of the series (one name per value of each bar).
    pub series: &'a [&'a str],
    pub bars: &'a [Bar],
    /// The value at the right end of the axis.
    pub max: f64,
    pub decimals: usize,
    /// Written after each value (e.g. `%`).
    pub suffix: &'a str,
    /// A dashed reference line and its label.
    pub target: Option<(f64, &'a str)>,
}

pub fn hbars(c: &HBars<'_>, lang: Lang) -> String {
    let HBars {
        title,
        series,
        bars,
        max,
        decimals,
        suffix,
        target,
    } = *c;
    // Labels get the room the longest needs (about 7 px a character), up to a
    // limit past which they are shortened with an ellipsis.
    const MAX_CHARS: usize = 44;
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_CHARS);
    let label_w = 20.0 + longest as f64 * 6.8;
    let plot_w = 380.0;
    let k = series.len().max(1) as f64;
    let bar_h = 14.0;
    let row_h = bar_h * k + 10.0;
    let width = label_w + plot_w + 80.0;
    // A title on two lines pushes the legend and the bars down.
    let extra = if title_fits(title, width) { 0.0 } else { 16.0 };
    let top = 46.0 + extra;
    let height = top + row_h * bars.len() as f64 + 30.0;
    let x = |v: f64| label_w + (v / max).clamp(0.0, 1.0) * plot_w;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}" {FONT}>"#,
        t = esc(title)
    );
    let _ = write!(
        s,
        r#"<defs><pattern id="hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="{LIGHT}"/><line x1="0" y1="0" x2="0" y2="5" stroke="{DARK}" stroke-width="1"/></pattern></defs>"#
    );
    title_text(&mut s, title, width);
    // legend
    if series.len() > 1 {
        let mut lx = label_w;
        for (i, name) in series.iter().enumerate() {
            let fill = if i == 0 { "url(#hatch)" } else { DARK };
            let _ = write!(
                s,
                r#"<rect x="{lx}" y="{}" width="12" height="12" fill="{fill}" stroke="{DARK}"/><text x="{}" y="{}">{}</text>"#,
                26.0 + extra,
                lx + 16.0,
                36.0 + extra,
                esc(name)
            );
            lx += 30.0 + name.len() as f64 * 7.0;
        }
    }
    // grid
    for i in 0..=4 {
        let v = max * i as f64 / 4.0;
        let gx = x(v);
        let _ = write!(
            s,
            r#"<line x1="{gx}" y1="{top}" x2="{gx}" y2="{}" stroke="{GRID}"/><text x="{gx}" y="{}" text-anchor="middle" fill="rgb(85,85,85)">{}</text>"#,
            height - 24.0,
            height - 10.0,
            number(v, if max <= 5.0 { 1 } else { 0 }, lang)
        );
    }
    for (r, b) in bars.iter().enumerate() {
        let y0 = top + r as f64 * row_h + 4.0;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y0 + bar_h * k / 2.0 + 4.0,
            esc(&shorten(&b.label, MAX_CHARS))
        );
        for (i, v) in b.values.iter().enumerate() {
            let y = y0 + i as f64 * bar_h;
            let fill = if series.len() > 1 && i == 0 {
                "url(#hatch)"
            } else {
                DARK
            };
            if v.is_finite() {
                let _ = write!(
                    s,
                    r#"<rect x="{label_w}" y="{y}" width="{:.1}" height="{}" fill="{fill}" stroke="{DARK}" stroke-width="0.5"/><text x="{:.1}" y="{}" fill="rgb(34,34,34)">{}{}</text>"#,
                    x(*v) - label_w,
                    bar_h - 2.0,
                    x(*v) + 4.0,
                    y + bar_h - 4.0,
                    number(*v, decimals, lang),
                    suffix
                );
            }
        }
    }
    if let Some((t, name)) = target {
        let tx = x(t);
        let _ = write!(
            s,
            r#"<line x1="{tx}" y1="{}" x2="{tx}" y2="{}" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="6 3"/><text x="{tx}" y="{}" fill="{ACCENT}" text-anchor="middle">{} {}{}</text>"#,
            top - 4.0,
            height - 24.0,
            top - 8.0,
            esc(name),
            number(t, decimals, lang),
            suffix
        );
    }
    s.push_str("</svg>");
    s
}

/// The chart title, on two lines when it would not fit in one.
fn title_fits(title: &str, width: f64) -> bool {
    (title.chars().count() as f64) * 7.6 < width
}

fn title_text(s: &mut String, title: &str, width: f64) {
    let fits = title_fits(title, width);
    let split = (!fits)
        .then(|| {
            let mid = title.len() / 2;
            title
                .char_indices()
                .filter(|(_, c)| *c == ' ')
                .min_by_key(|(i, _)| i.abs_diff(mid))
                .map(|(i, _)| i)
        })
        .flatten();
    match split {
        Some(i) => {
            let _ = write!(
                s,
                r#"<text x="0" y="14" font-weight="600" font-size="13">{}<tspan x="0" dy="16">{}</tspan></text>"#,
                esc(&title[..i]),
                esc(&title[i + 1..])
            );
        }
        None => {
            let _ = write!(
                s,
                r#"<text x="0" y="16" font-weight="600" font-size="14">{}</text>"#,
                esc(title)
            );
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The smallest "nice" number (1, 2 or 5 × 10ⁿ) ≥ `v`, for axis tops.
fn nice_ceiling(v: f64) -> f64 {
    if v.is_nan() || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * p)
}

/// Two lines from "before" to "after" (difference-in-differences picture).
pub fn did_lines(
    title: &str,
    names: [&str; 2],
    phases: [&str; 2],
    values: [[f64; 2]; 2],
    unit: &str,
    lang: Lang,
) -> String {
    let (w, h, left, right, top, bottom) = (600.0, 340.0, 60.0, 170.0, 40.0, 40.0);
    let finite: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let hi = nice_ceiling(finite.iter().copied().fold(0.0f64, f64::max) * 1.1);
    let y = |v: f64| top + (1.0 - v / hi) * (h - top - bottom);
    let xs = [left + 30.0, w - right];
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" {FONT}><text x="0" y="16" font-weight="600" font-size="14">{t}</text>"#,
        t = esc(title)
    );
    for i in 0..=5 {
        let v = hi * i as f64 / 5.0;
        let _ = write!(
            s,
            r#"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="{GRID}"/><text x="{}" y="{}" text-anchor="end" fill="rgb(85,85,85)">{}</text>"#,
            w - right + 20.0,
            left - 6.0,
            y(v) + 4.0,
            number(v, 0, lang),
            yy = y(v)
        );
    }
    let _ = write!(
        s,
        r#"<text x="12" y="{}" transform="rotate(-90 12 {})" text-anchor="middle" fill="rgb(85,85,85)">{}</text>"#,
        h / 2.0,
        h / 2.0,
        esc(unit)
    );
    for (i, p) in phases.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            xs[i],
            h - 14.0,
            esc(p)
        );
    }
    for (g, name) in names.iter().enumerate() {
        let (stroke, dash, marker) = if g == 0 {
            (DARK, "", "circle")
        } else {
            ("#7f7f7f", "stroke-dasharray=\"7 4\"", "rect")
        };
        let v = values[g];
        if v.iter().all(|x| x.is_finite()) {
            let _ = write!(
                s,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="3" {dash}/>"#,
                xs[0],
                y(v[0]),
                xs[1],
                y(v[1])
            );
        }
        for (i, val) in v.iter().enumerate() {
            if !val.is_finite() {
                continue;
            }
            if marker == "circle" {
                let _ = write!(
                    s,
                    r#"<circle cx="{}" cy="{}" r="5" fill="{stroke}"/>"#,
                    xs[i],
                    y(*val)
                );
            } else {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="10" height="10" fill="{stroke}"/>"#,
                    xs[i] - 5.0,
                    y(*val) - 5.0
                );
            }
            let dx = if i == 0 { -10.0 } else { 10.0 };
            let anchor = if i == 0 { "end" } else { "start" };
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" text-anchor="{anchor}" fill="rgb(34,34,34)">{}</text>"#,
                xs[i] + dx,
                y(*val) + if g == 0 { -8.0 } else { 16.0 },
                number(*val, 1, lang)
            );
        }
        if v[1].is_finite() {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" fill="{stroke}" font-weight="600">{}</text>"#,
                xs[1] + 50.0,
                y(v[1]) + 4.0,
                esc(name)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A funnel plot: units' values against their size, with the centre line
/// and the 95% (dashed) and 99.8% (solid) control limits as curves.
pub struct FunnelPlot<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub centre: f64,
    /// [95% lower, 95% upper, 99.8% lower, 99.8% upper] at a size.
    pub limits: &'a dyn Fn(f64) -> [f64; 4],
    /// (label, size, value, called out: beyond 99.8%).
    pub points: &'a [(String, f64, f64, bool)],
    pub decimals: usize,
}

pub fn funnel(c: &FunnelPlot<'_>, lang: Lang) -> String {
    let (w, h, left, right, top, bottom) = (600.0, 360.0, 64.0, 24.0, 40.0, 56.0);
    let n_max = c.points.iter().map(|p| p.1).fold(0.0f64, f64::max);
    let n_min = c.points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let x_hi = nice_ceiling(n_max * 1.1);
    // The curves start at a third of the smallest unit (at least 2).
    let x_lo = (n_min / 3.0).max(2.0).min(x_hi / 2.0);
    let samples: Vec<(f64, [f64; 4])> = (0..=60)
        .map(|i| {
            let n = x_lo + (x_hi - x_lo) * f64::from(i) / 60.0;
            (n, (c.limits)(n))
        })
        .collect();
    // The y range: every point, and the 99.8% curves from the smallest unit on.
    let mut lo = c.centre;
    let mut hi = c.centre;
    for p in c.points {
        lo = lo.min(p.2);
        hi = hi.max(p.2);
    }
    for (n, l) in &samples {
        if *n >= n_min * 0.9 {
            for v in l.iter().filter(|v| v.is_finite()) {
                lo = lo.min(*v);
                hi = hi.max(*v);
            }
        }
    }
    let pad = ((hi - lo) * 0.08).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |n: f64| left + n / x_hi * (w - left - right);
    let y = |v: f64| top + (1.0 - (v - lo) / (hi - lo)) * (h - top - bottom);
    let clamp = |v: f64| v.clamp(lo, hi);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" {FONT}><text x="0" y="16" font-weight="600" font-size="14">{t}</text>"#,
        t = esc(c.title)
    );
    for i in 0..=4 {
        let v = lo + (hi - lo) * f64::from(i) / 4.0;
        let _ = write!(
            s,
            r#"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="{GRID}"/><text x="{}" y="{}" text-anchor="end" fill="rgb(85,85,85)">{}</text>"#,
            w - right,
            left - 6.0,
            y(v) + 4.0,
            number(v, c.decimals, lang),
            yy = y(v)
        );
    }
    for i in 0..=4 {
        let n = x_hi * f64::from(i) / 4.0;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle" fill="rgb(85,85,85)">{}</text>"#,
            x(n),
            h - bottom + 18.0,
            number(n, 0, lang)
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="start" fill="rgb(85,85,85)">{}</text><text x="12" y="{}" transform="rotate(-90 12 {})" text-anchor="middle" fill="rgb(85,85,85)">{}</text>"#,
        left,
        h - 14.0,
        esc(c.x_label),
        (top + h - bottom) / 2.0,
        (top + h - bottom) / 2.0,
        esc(c.y_label)
    );
    for (k, dash) in [
        (0, "stroke-dasharray=\"6 4\""),
        (1, "stroke-dasharray=\"6 4\""),
        (2, ""),
        (3, ""),
    ] {
        let pts: Vec<String> = samples
            .iter()
            .filter(|(_, l)| l[k].is_finite())
            .map(|(n, l)| format!("{:.1},{:.1}", x(*n), y(clamp(l[k]))))
            .collect();
        if pts.len() > 1 {
            let _ = write!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{LIGHT}" stroke-width="2" {dash}/>"#,
                pts.join(" ")
            );
        }
    }
    let _ = write!(
        s,
        r#"<line x1="{}" y1="{cy}" x2="{}" y2="{cy}" stroke="{DARK}" stroke-width="1.5"/>"#,
        x(x_lo),
        w - right,
        cy = y(c.centre)
    );
    // The names of the units called out, moved apart so none covers another.
    let mut named: Vec<(f64, f64, &str)> = c
        .points
        .iter()
        .filter(|p| p.3)
        .map(|(label, n, v, _)| (x(*n) + 7.0, y(*v) + 4.0, label.as_str()))
        .collect();
    named.sort_by(|a, b| a.1.total_cmp(&b.1));
    for i in 1..named.len() {
        if named[i].1 < named[i - 1].1 + 13.0 {
            named[i].1 = named[i - 1].1 + 13.0;
        }
    }
    for (label, n, v, out) in c.points {
        let fill = if *out { ACCENT } else { DARK };
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="{fill}"><title>{}: {} (n = {})</title></circle>"#,
            x(*n),
            y(*v),
            esc(label),
            number(*v, c.decimals, lang),
            number(*n, 0, lang)
        );
    }
    for (lx, ly, label) in named {
        let _ = write!(
            s,
            r#"<text x="{lx:.1}" y="{ly:.1}" fill="{ACCENT}">{}</text>"#,
            esc(label)
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="end" fill="rgb(85,85,85)">{}</text></svg>"#,
        w - right,
        h - 14.0,
        esc(lang.pick(
            "garis putus: batas 95%; garis utuh: batas 99,8%",
            "dashed: 95% limits; solid: 99.8% limits"
        ))
    );
    s
}

/// A measure in time order: points joined by a line, each with its
/// interval when it has one, a dashed centre line (a run chart's median),
/// the points of a signal drawn in the accent colour.
pub struct Series<'a> {
    pub title: &'a str,
    pub y_label: &'a str,
    /// (label under the axis, value, interval, part of a signal).
    pub points: &'a [(String, f64, Option<[f64; 2]>, bool)],
    /// The centre line and its label.
    pub centre: Option<(f64, &'a str)>,
    pub decimals: usize,
    /// Print each point's value above it (few points).
    pub values: bool,
}

pub fn series(c: &Series<'_>, lang: Lang) -> String {
    let (w, h, left, right, top, bottom) = (640.0, 320.0, 60.0, 20.0, 40.0, 56.0);
    let mut all: Vec<f64> = Vec::new();
    for (_, v, ci, _) in c.points {
        all.push(*v);
        if let Some([a, b]) = ci {
            all.extend([*a, *b]);
        }
    }
    if let Some((m, _)) = c.centre {
        all.push(m);
    }
    let finite: Vec<f64> = all.into_iter().filter(|v| v.is_finite()).collect();
    let max = finite.iter().copied().fold(f64::MIN, f64::max);
    let min = finite.iter().copied().fold(f64::MAX, f64::min);
    let (lo, hi) = if finite.is_empty() {
        (0.0, 1.0)
    } else {
        let span = (max - min).max(max.abs() * 0.05).max(1e-9);
        let step = nice_ceiling(span / 4.0);
        (
            ((min - span * 0.1) / step).floor() * step,
            ((max + span * 0.1) / step).ceil() * step,
        )
    };
    let lo = if min >= 0.0 { lo.max(0.0) } else { lo };
    let y = |v: f64| top + (1.0 - (v - lo) / (hi - lo)) * (h - top - bottom);
    let n = c.points.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            (left + w - right) / 2.0
        } else {
            left + 12.0 + i as f64 * (w - right - left - 24.0) / (n - 1) as f64
        }
    };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" {FONT}><text x="0" y="16" font-weight="600" font-size="14">{t}</text>"#,
        t = esc(c.title)
    );
    let ticks = 4;
    for i in 0..=ticks {
        let v = lo + (hi - lo) * i as f64 / ticks as f64;
        let _ = write!(
            s,
            r#"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="{GRID}"/><text x="{}" y="{}" text-anchor="end" fill="rgb(85,85,85)">{}</text>"#,
            w - right,
            left - 6.0,
            y(v) + 4.0,
            number(v, c.decimals.min(1), lang),
            yy = y(v)
        );
    }
    let _ = write!(
        s,
        r#"<text x="12" y="{}" transform="rotate(-90 12 {})" text-anchor="middle" fill="rgb(85,85,85)">{}</text>"#,
        (h - bottom + top) / 2.0,
        (h - bottom + top) / 2.0,
        esc(c.y_label)
    );
    if let Some((m, label)) = c.centre
        && m.is_finite()
    {
        let _ = write!(
            s,
            r#"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="{ACCENT}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="{}" y="{}" text-anchor="end" fill="{ACCENT}">{} {}</text>"#,
            w - right,
            w - right,
            y(m) - 5.0,
            esc(label),
            number(m, c.decimals, lang),
            yy = y(m)
        );
    }
    // Labels under the axis: at most eight, evenly spaced.
    let every = n.div_ceil(8);
    for (i, (label, ..)) in c.points.iter().enumerate() {
        if i % every == 0 || i + 1 == n {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" text-anchor="middle" fill="rgb(85,85,85)">{}</text>"#,
                x(i),
                h - bottom + 18.0,
                esc(label)
            );
        }
    }
    let mut path = String::new();
    for (i, (_, v, ..)) in c.points.iter().enumerate() {
        if v.is_finite() {
            let _ = write!(
                path,
                "{}{:.1},{:.1} ",
                if path.is_empty() { "M" } else { "L" },
                x(i),
                y(*v)
            );
        }
    }
    if !path.is_empty() {
        let _ = write!(
            s,
            r#"<path d="{}" fill="none" stroke="{DARK}" stroke-width="2"/>"#,
            path.trim_end()
        );
    }
    for (i, (_, v, ci, signal)) in c.points.iter().enumerate() {
        if let Some([a, b]) = ci
            && a.is_finite()
            && b.is_finite()
        {
            let _ = write!(
                s,
                r#"<line x1="{xx}" y1="{}" x2="{xx}" y2="{}" stroke="{LIGHT}" stroke-width="3"/>"#,
                y(*a),
                y(*b),
                xx = x(i)
            );
        }
        if !v.is_finite() {
            continue;
        }
        let fill = if *signal { ACCENT } else { DARK };
        let _ = write!(
            s,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#,
            x(i),
            y(*v),
            if *signal { 5 } else { 4 }
        );
        if c.values {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" text-anchor="middle" fill="rgb(34,34,34)">{}</text>"#,
                x(i) + 14.0,
                y(*v) - 8.0,
                number(*v, c.decimals, lang)
            );
        }
    }
    s.push_str("</svg>");
    s
}
