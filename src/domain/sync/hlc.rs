//! A hybrid logical clock: each change to a field is stamped with the wall clock in
//! milliseconds, a counter for changes within one millisecond (or while the wall clock stands
//! behind a stamp already seen) and the device that made it. Stamps from every device form one
//! total order, so two devices merging the same versions pick the same winner for each field.

use std::fmt;

/// When and where a field was last changed. Ordered by wall time, then counter, then device.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub wall: u64,
    pub count: u32,
    pub device: String,
}

impl Stamp {
    /// Reads the text form written by `Display` (`wall.count.device`, numbers in hex).
    pub fn parse(text: &str) -> Option<Stamp> {
        let mut parts = text.splitn(3, '.');
        let wall = u64::from_str_radix(parts.next()?, 16).ok()?;
        let count = u32::from_str_radix(parts.next()?, 16).ok()?;
        let device = parts.next()?.to_string();
        Some(Stamp {
            wall,
            count,
            device,
        })
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:x}.{:x}.{}", self.wall, self.count, self.device)
    }
}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Stamp::parse(&text).ok_or_else(|| serde::de::Error::custom("not a change stamp"))
    }
}

/// One device's clock: never goes backwards, and after seeing another device's stamp every
/// stamp it gives is later than that one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Clock {
    pub device: String,
    pub wall: u64,
    pub count: u32,
}

impl Clock {
    pub fn new(device: &str) -> Clock {
        Clock {
            device: device.to_string(),
            wall: 0,
            count: 0,
        }
    }

    /// A stamp for a change made now (`wall_ms`: the device's clock).
    pub fn tick(&mut self, wall_ms: u64) -> Stamp {
        if wall_ms > self.wall {
            self.wall = wall_ms;
            self.count = 0;
        } else {
            self.count += 1;
        }
        Stamp {
            wall: self.wall,
            count: self.count,
            device: self.device.clone(),
        }
    }

    /// Takes in a stamp from elsewhere, so the next tick is later than it.
    pub fn observe(&mut self, seen: &Stamp) {
        if (seen.wall, seen.count) > (self.wall, self.count) {
            self.wall = seen.wall;
            self.count = seen.count;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_never_repeats_a_stamp_even_when_the_wall_clock_goes_back() {
        let mut clock = Clock::new("a");
        let first = clock.tick(1_000);
        let same_ms = clock.tick(1_000);
        let earlier = clock.tick(900);
        assert!(first < same_ms && same_ms < earlier);
        assert_eq!(earlier.wall, 1_000);
        assert_eq!(earlier.count, 2);
    }

    #[test]
    fn after_seeing_a_later_stamp_the_next_one_is_later_still() {
        let mut slow = Clock::new("slow");
        let fast = Stamp {
            wall: 5_000,
            count: 3,
            device: "fast".into(),
        };
        slow.observe(&fast);
        let next = slow.tick(1_000);
        assert!(next > fast, "{next} after {fast}");
    }

    #[test]
    fn stamps_read_back_what_they_write_and_refuse_anything_else() {
        let s = Stamp {
            wall: 0x19_2f3a,
            count: 7,
            device: "d.e-v".into(),
        };
        assert_eq!(s.to_string(), "192f3a.7.d.e-v");
        assert_eq!(Stamp::parse(&s.to_string()), Some(s));
        assert_eq!(Stamp::parse("zz.1.a"), None);
        assert_eq!(Stamp::parse("12"), None);
    }

    #[test]
    fn equal_times_are_ordered_by_device() {
        let a = Stamp {
            wall: 1,
            count: 0,
            device: "a".into(),
        };
        let b = Stamp {
            device: "b".into(),
            ..a.clone()
        };
        assert!(a < b);
    }
}
