//! The app's charts, drawn as SVG by Leptos: a line chart for monthly series, bars for counts
//! and a bullet chart per target. No JavaScript chart library and no floating point: values
//! are tenths ([`Tenths`]) and coordinates whole units of a fixed view box that the browser
//! scales. Each chart carries a text alternative (a table of its numbers) for screen readers
//! and for print readers who want the exact figures.

use leptos::prelude::*;

use crate::domain::kpi::{Direction, Grade, Tenths};

const W: i64 = 640;
const H: i64 = 220;
const LEFT: i64 = 60;
const RIGHT: i64 = 40;
const TOP: i64 = 14;
const BOTTOM: i64 = 38;

/// One line of a line chart: a value (or none) per x label.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    /// CSS class giving the line its colour.
    pub class: &'static str,
    pub points: Vec<Option<Tenths>>,
}

fn x_at(i: usize, n: usize) -> i64 {
    let span = W - LEFT - RIGHT;
    if n <= 1 {
        LEFT + span / 2
    } else {
        LEFT + span * i as i64 / (n as i64 - 1)
    }
}

fn y_at(v: i64, min: i64, max: i64) -> i64 {
    let span = (max - min).max(1);
    TOP + (H - TOP - BOTTOM) * (max - v.clamp(min, max)) / span
}

/// A round upper bound for the y axis, in tenths: 10, 20, 50, 100, 200, 500 … (as whole
/// units), at least `floor`.
pub fn nice_max(values: impl IntoIterator<Item = i64>, floor: i64) -> i64 {
    let top = values.into_iter().fold(floor, i64::max);
    let mut step = 10;
    loop {
        for m in [1, 2, 5] {
            if step * m >= top {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// The y axis's gridlines: four steps when they fall on whole tenths (0, 25, 50 …), five
/// otherwise (0, 1, 2, 3, 4, 5 % rather than 1.2, 2.5, 3.7 %).
fn ticks(min: i64, max: i64) -> Vec<i64> {
    let span = max - min;
    let steps = if span % 4 != 0 && span % 5 == 0 { 5 } else { 4 };
    (0..=steps).map(|k| min + span * k / steps).collect()
}

/// Monthly series as lines, with an optional target line. `min`/`max` are the y range in
/// tenths; `unit` follows each axis label.
#[component]
pub fn LineChart(
    title: String,
    labels: Vec<String>,
    series: Vec<Series>,
    min: i64,
    max: i64,
    #[prop(optional)] target: Option<(Tenths, String)>,
    unit: &'static str,
    no_value: String,
) -> impl IntoView {
    let n = labels.len();
    let ticks = ticks(min, max);
    let grid = ticks
        .iter()
        .map(|t| {
            let y = y_at(*t, min, max);
            view! {
                <line class="chart-grid" x1=LEFT y1=y x2=W - RIGHT y2=y/>
                <text class="chart-axis" x=LEFT - 6 y=y + 4 text-anchor="end">{format!("{}{unit}", Tenths(*t))}</text>
            }
        })
        .collect_view();
    // Label every month when there are few, every other one when there are many.
    let every = if n > 8 { 2 } else { 1 };
    let x_labels = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| (n - 1 - i).is_multiple_of(every))
        .map(|(i, l)| {
            view! { <text class="chart-axis chart-x-label" x=x_at(i, n) y=H - 12 text-anchor="middle">{l.clone()}</text> }
        })
        .collect_view();
    let target_line = target.clone().map(|(t, name)| {
        let y = y_at(t.0, min, max);
        view! {
            <line class="chart-target" x1=LEFT y1=y x2=W - RIGHT y2=y/>
            <text class="chart-axis chart-target-label" x=W - RIGHT y=y - 4 text-anchor="end">{format!("{name} {t}{unit}")}</text>
        }
    });
    let lines = series
        .iter()
        .map(|s| {
            // Consecutive points join; a month without a value breaks the line.
            let mut d = String::new();
            let mut joined = false;
            for (i, p) in s.points.iter().enumerate() {
                match p {
                    Some(v) => {
                        let cmd = if joined { 'L' } else { 'M' };
                        d.push_str(&format!("{cmd}{} {} ", x_at(i, n), y_at(v.0, min, max)));
                        joined = true;
                    }
                    None => joined = false,
                }
            }
            let dots = s
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let v = (*p)?;
                    let label = format!("{} · {}: {v}{unit}", labels[i], s.name);
                    Some(view! {
                        <circle class="chart-point" cx=x_at(i, n) cy=y_at(v.0, min, max) r="4">
                            <title>{label}</title>
                        </circle>
                    })
                })
                .collect_view();
            view! {
                <g class=format!("chart-series {}", s.class)>
                    <path class="chart-line" d=d fill="none"/>
                    {dots}
                </g>
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        series
            .iter()
            .map(|s| view! { <span class=format!("chart-key {}", s.class)>{s.name.clone()}</span> })
            .collect_view()
    });
    let table_head = series
        .iter()
        .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
        .collect_view();
    let table_rows = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let cells = series
                .iter()
                .map(|s| {
                    let text = match s.points.get(i).copied().flatten() {
                        Some(v) => format!("{v}{unit}"),
                        None => no_value.clone(),
                    };
                    view! { <td>{text}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{l.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart chart-line-chart">
            <figcaption>{title.clone()}{legend.map(|l| view! { <span class="chart-legend">{l}</span> })}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title preserveAspectRatio="xMidYMid meet">
                {grid}
                {target_line}
                {lines}
                {x_labels}
            </svg>
            // Hidden in a 1 px box: a table ignores a 1 px width and would widen a phone's page.
            <div class="visually-hidden">
                <table class="chart-data">
                    <thead><tr><th scope="col"></th>{table_head}</tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

/// Bars side by side per label: one value per group member (e.g. now and at the last review).
#[component]
pub fn BarChart(
    title: String,
    labels: Vec<String>,
    /// (name, CSS class, one value per label).
    groups: Vec<(String, &'static str, Vec<i64>)>,
) -> impl IntoView {
    let max = nice_max(groups.iter().flat_map(|g| g.2.iter().map(|v| v * 10)), 10) / 10;
    let n = labels.len().max(1) as i64;
    let slot = (W - LEFT - RIGHT) / n;
    let k = groups.len().max(1) as i64;
    let bar = (slot * 2 / 3) / k;
    let base = H - BOTTOM;
    // Labels on two lines put every single-line label on the first line too.
    let single_y = if labels.iter().any(|l| l.contains(" · ")) {
        H - 21
    } else {
        H - 12
    };
    let bars = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let x0 = LEFT + slot * i as i64 + (slot - bar * k) / 2;
            let members = groups
                .iter()
                .enumerate()
                .map(|(g, (name, class, values))| {
                    let v = values.get(i).copied().unwrap_or(0);
                    let h = (base - TOP) * v / max.max(1);
                    let x = x0 + bar * g as i64;
                    view! {
                        <g class=format!("chart-bar {class}")>
                            <rect x=x y=base - h width=bar - 2 height=h>
                                <title>{format!("{label} · {name}: {v}")}</title>
                            </rect>
                            <text class="chart-bar-value" x=x + bar / 2 y=base - h - 4 text-anchor="middle">{v}</text>
                        </g>
                    }
                })
                .collect_view();
            // Many bars: every other label, counted from the last.
            let shown = labels.len() <= 8 || (labels.len() - 1 - i).is_multiple_of(2);
            let x = LEFT + slot * i as i64 + slot / 2;
            // "B · important" on two lines, so a tier's name fits under its bars on a phone.
            let label_view = shown.then(|| match label.split_once(" · ") {
                Some((head, tail)) => view! {
                    <text class="chart-axis chart-x-label" x=x y=H - 21 text-anchor="middle">
                        {head.to_string()}<tspan x=x dy=17>{tail.to_string()}</tspan>
                    </text>
                }
                .into_any(),
                None => view! {
                    <text class="chart-axis chart-x-label" x=x y=single_y text-anchor="middle">{label.clone()}</text>
                }
                .into_any(),
            });
            view! {
                {members}
                {label_view}
            }
        })
        .collect_view();
    let legend = groups
        .iter()
        .map(|(name, class, _)| view! { <span class=format!("chart-key {class}")>{name.clone()}</span> })
        .collect_view();
    view! {
        <figure class="chart chart-bars">
            <figcaption>{title.clone()}<span class="chart-legend">{legend}</span></figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title preserveAspectRatio="xMidYMid meet">
                <line class="chart-grid" x1=LEFT y1=base x2=W - RIGHT y2=base/>
                {bars}
            </svg>
        </figure>
    }
}

/// The CSS class of a grade's colour (green met, amber close, red missed).
pub fn grade_class(grade: Option<Grade>) -> &'static str {
    match grade {
        Some(Grade::Met) => "grade-met",
        Some(Grade::Close) => "grade-close",
        Some(Grade::Missed) => "grade-missed",
        None => "grade-none",
    }
}

const BW: i64 = 300;
const BH: i64 = 28;

/// A bullet chart: the value as a bar coloured by its grade, the target as a tick, the
/// "close" band shaded, on a scale from `min` to `max` (tenths).
#[component]
pub fn Bullet(
    value: Option<Tenths>,
    target: Tenths,
    direction: Direction,
    grade: Option<Grade>,
    min: i64,
    max: i64,
    label: String,
) -> impl IntoView {
    let x = |v: i64| (BW * (v.clamp(min, max) - min)) / (max - min).max(1);
    let t = x(target.0);
    // The band where a value counts as close (within 10 % of the target).
    let (band_from, band_to) = match direction {
        Direction::AtLeast => (x(target.0 * 9 / 10), t),
        Direction::AtMost => (t, x(target.0 * 11 / 10)),
    };
    let zero = x(0);
    let bar = value.map(|v| {
        let end = x(v.0);
        let (from, to) = (zero.min(end), zero.max(end));
        view! { <rect class=format!("bullet-value {}", grade_class(grade)) x=from y="9" width=(to - from).max(2) height="10"/> }
    });
    view! {
        <svg class="bullet" viewBox=format!("0 0 {BW} {BH}") role="img" aria-label=label preserveAspectRatio="none">
            <rect class="bullet-track" x="0" y="4" width=BW height="20"/>
            <rect class="bullet-band" x=band_from y="4" width=(band_to - band_from).max(0) height="20"/>
            {bar}
            <rect class="bullet-target" x=(t - 1).max(0) y="0" width="3" height=BH/>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_round_up_to_a_readable_number() {
        assert_eq!(nice_max([73], 10), 100);
        assert_eq!(nice_max([150], 10), 200);
        assert_eq!(nice_max([0], 10), 10);
        assert_eq!(nice_max([1000, 20], 10), 1000);
        assert_eq!(nice_max([1001], 10), 2000);
        assert_eq!(nice_max([3000], 10), 5000);
    }

    #[test]
    fn gridlines_fall_on_readable_numbers() {
        assert_eq!(ticks(0, 50), [0, 10, 20, 30, 40, 50]);
        assert_eq!(ticks(0, 10), [0, 2, 4, 6, 8, 10]);
        assert_eq!(ticks(0, 20), [0, 5, 10, 15, 20]);
        assert_eq!(ticks(0, 1000), [0, 250, 500, 750, 1000]);
        assert_eq!(ticks(-1000, 1000), [-1000, -500, 0, 500, 1000]);
    }

    #[test]
    fn the_plot_area_maps_values_inside_the_box() {
        assert_eq!(y_at(0, 0, 1000), H - BOTTOM);
        assert_eq!(y_at(1000, 0, 1000), TOP);
        assert_eq!(y_at(5000, 0, 1000), TOP, "clamped");
        assert_eq!(x_at(0, 12), LEFT);
        assert_eq!(x_at(11, 12), W - RIGHT);
        assert_eq!(x_at(0, 1), LEFT + (W - LEFT - RIGHT) / 2);
    }
}
