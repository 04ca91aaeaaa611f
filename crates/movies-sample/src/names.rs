//! Invented words and the text built from them: titles, overviews, taglines, people,
//! companies, keywords. Nothing here comes from the real dataset.

use crate::rng::Rng;

const ADJECTIVES: &[&str] = &[
    "Amber",
    "Ashen",
    "Bitter",
    "Blue",
    "Brass",
    "Broken",
    "Burning",
    "Cold",
    "Copper",
    "Crooked",
    "Crystal",
    "Dark",
    "Distant",
    "Electric",
    "Empty",
    "Endless",
    "Fading",
    "Final",
    "Forgotten",
    "Frozen",
    "Gentle",
    "Glass",
    "Golden",
    "Hidden",
    "Hollow",
    "Iron",
    "Last",
    "Little",
    "Lonely",
    "Lost",
    "Lucky",
    "Marble",
    "Midnight",
    "Narrow",
    "Neon",
    "Northern",
    "Pale",
    "Paper",
    "Quiet",
    "Red",
    "Restless",
    "Rusty",
    "Scarlet",
    "Secret",
    "Silent",
    "Silver",
    "Sleeping",
    "Southern",
    "Stolen",
    "Strange",
    "Sudden",
    "Velvet",
    "Wandering",
    "Wild",
    "Winter",
    "Wooden",
];

const NOUNS: &[&str] = &[
    "Anchor",
    "Avenue",
    "Ballad",
    "Bell",
    "Bridge",
    "Canyon",
    "Carnival",
    "Castle",
    "Circus",
    "Clock",
    "Coast",
    "Comet",
    "Compass",
    "Crown",
    "Dance",
    "Desert",
    "Diary",
    "Dream",
    "Engine",
    "Falcon",
    "Ferry",
    "Garden",
    "Ghost",
    "Harbor",
    "Horizon",
    "Hotel",
    "Island",
    "Journey",
    "Key",
    "Kingdom",
    "Lantern",
    "Letter",
    "Lighthouse",
    "Machine",
    "Map",
    "Mirror",
    "Moon",
    "Motel",
    "Orchard",
    "Paradise",
    "Promise",
    "Quarry",
    "Radio",
    "River",
    "Road",
    "Rocket",
    "Secret",
    "Shadow",
    "Signal",
    "Station",
    "Storm",
    "Summer",
    "Tide",
    "Tower",
    "Train",
    "Valley",
    "Voyage",
    "Window",
    "Wolf",
];

const PLACES: &[&str] = &[
    "Ashford",
    "Bellmoor",
    "Cold Harbor",
    "Dunmore",
    "Eastwick Bay",
    "Fairhaven",
    "Glenrock",
    "Harlow Springs",
    "Ironvale",
    "Kestrel Point",
    "Lowmarsh",
    "Millbrook",
    "New Orland",
    "Port Calder",
    "Ravenford",
    "Saltmere",
    "Thornbury",
    "Upper Vell",
    "Westmarch",
    "Yarrow City",
];

const ROLES: &[&str] = &[
    "a retired boxer",
    "a young nurse",
    "a small-town sheriff",
    "an ambitious reporter",
    "a washed-up magician",
    "an estranged sister",
    "a shy accountant",
    "a teenage inventor",
    "a widowed fisherman",
    "a jazz pianist",
    "a rookie detective",
    "an aging movie star",
    "a runaway heiress",
    "a stubborn farmer",
    "a night-shift cab driver",
    "a gifted chess player",
    "a disgraced surgeon",
    "a retired schoolteacher",
    "a lonely astronaut",
    "a traveling salesman",
];

const EVENTS: &[&str] = &[
    "a stranger arrives with a map to a forgotten treasure",
    "the town's only bridge collapses during a storm",
    "a letter from the past turns up in a second-hand coat",
    "a bank robbery goes wrong in the most unexpected way",
    "an old rival returns to settle a score",
    "a mysterious signal interrupts every radio in the valley",
    "the family business is about to be sold",
    "a missing painting resurfaces at a country auction",
    "the circus comes to town for one last season",
    "a comet lights up the sky for seven nights",
    "a wedding brings two feuding families under one roof",
    "an experiment in the basement gets out of hand",
];

const OUTCOMES: &[&str] = &[
    "What follows is a race against time.",
    "Nothing will ever be the same again.",
    "Old loyalties are tested and new ones are forged.",
    "Together they discover that home is closer than they think.",
    "Soon the hunter becomes the hunted.",
    "A summer of secrets begins.",
    "The truth turns out to be stranger than any rumor.",
    "Only one of them can walk away.",
];

const TAGLINES: &[&str] = &[
    "Some secrets refuse to stay buried.",
    "One night. One chance.",
    "Every family has a story.",
    "The adventure of a lifetime starts here.",
    "Fear has a new address.",
    "Love is the longest journey.",
    "Nobody leaves the valley.",
    "It's never too late to start over.",
    "The rules were made to be broken.",
];

const FIRST: &[&str] = &[
    "Ada", "Alma", "Anton", "Arlo", "Bea", "Bram", "Cleo", "Colm", "Dara", "Dex", "Edda", "Elio", "Faye", "Flint",
    "Greer", "Gus", "Hale", "Ines", "Ivo", "Juno", "Kai", "Kit", "Lars", "Lena", "Milo", "Mira", "Nell", "Nico",
    "Odile", "Otto", "Pia", "Quinn", "Rafe", "Rhea", "Silas", "Suki", "Tova", "Ugo", "Vera", "Wren", "Yara", "Zane",
    "Zoë", "José", "Søren", "Ångel", "Łucja", "Renée", "Thảo", "Bjørn",
];

const LAST: &[&str] = &[
    "Ashdown",
    "Barrow",
    "Blackwood",
    "Brightwater",
    "Calloway",
    "Crane",
    "Dorsey",
    "Ellery",
    "Fairweather",
    "Falk",
    "Garnet",
    "Hollis",
    "Ingram",
    "Jessop",
    "Kettering",
    "Lark",
    "Lindqvist",
    "Marlowe",
    "Nakamura",
    "Oakes",
    "Pemberton",
    "Quill",
    "Rasmussen",
    "Sable",
    "Thorne",
    "Underhill",
    "Vance",
    "Whitlock",
    "Yardley",
    "Zeller",
    "Müller-Roth",
    "Østergaard",
    "Núñez",
    "Dvořák",
    "Kowalczyk",
    "Đặng",
];

/// Family + given names for the few people whose names are written in CJK script.
const CJK_PEOPLE: &[&str] = &["山本 遥", "林 志明", "김 서연", "高橋 蓮", "王 小梅"];

const COMPANY_WORDS: &[&str] = &[
    "Albatross",
    "Arcadia",
    "Beacon",
    "Bluebird",
    "Cobalt",
    "Cornerstone",
    "Driftwood",
    "Ember",
    "Evergreen",
    "Firefly",
    "Foxglove",
    "Granite",
    "Greyhound",
    "Harbinger",
    "Highline",
    "Juniper",
    "Kingfisher",
    "Larkspur",
    "Lodestar",
    "Magpie",
    "Meridian",
    "Monarch",
    "Moonrise",
    "Nightjar",
    "Oakhurst",
    "Obsidian",
    "Paragon",
    "Pinnacle",
    "Quicksilver",
    "Riverbend",
    "Saltwater",
    "Sandpiper",
    "Skylark",
    "Starling",
    "Sunburst",
    "Thistle",
    "Tidewater",
    "Tumbleweed",
    "Vanguard",
    "Wayfarer",
    "Whirlwind",
    "Zephyr",
];

const COMPANY_SUFFIXES: &[&str] = &[
    "Pictures",
    "Films",
    "Productions",
    "Entertainment",
    "Studios",
    "Media",
    "Film Company",
    "Motion Pictures",
    "Filmproduktion",
    "Cinema",
    "Features",
    "Film Partners",
];

const KEYWORD_WORDS: &[&str] = &[
    "amnesia",
    "arson",
    "bank job gone wrong",
    "blackmail",
    "bounty on a stranger",
    "brother sister feud",
    "car chase",
    "chess",
    "circus elephant",
    "con artist",
    "corruption",
    "counterfeit painting",
    "courtroom",
    "cult",
    "dance marathon",
    "desert highway",
    "escape",
    "exorcism",
    "family secret",
    "father son feud",
    "ferris wheel",
    "first love",
    "forged letter",
    "ghost",
    "harbor strike",
    "haunted lighthouse",
    "haunted piano",
    "ice fishing",
    "identity",
    "jazz",
    "journalist",
    "lighthouse keeper",
    "lost luggage",
    "magic",
    "midnight train",
    "missing twin",
    "mistaken identity",
    "moon landing party",
    "mountain",
    "musician",
    "nightclub",
    "nuclear winter",
    "paper airplane",
    "pen pals",
    "politics",
    "radio contest",
    "retired spy",
    "revenge",
    "rival bakers",
    "road trip",
    "robot",
    "rooftop chase",
    "scavenger hunt",
    "secret tunnel",
    "sleepwalking",
    "small town",
    "snowed in",
    "space travel",
    "spy",
    "stolen bicycle",
    "storm",
    "stranger",
    "submarine",
    "survival",
    "talent show",
    "tap dancing",
    "town fair",
    "train",
    "twins",
    "undercover",
    "vampire",
    "wedding",
    "widow",
    "world war ii",
    "zombie",
    "déjà vu",
    "café",
    "piñata",
    "sequel",
    "remake",
    "christmas",
];

/// A title: a few invented patterns over the word lists (some with a comma or a number).
pub(crate) fn title(rng: &mut Rng) -> String {
    let adj = rng.pick(ADJECTIVES);
    let noun = rng.pick(NOUNS);
    let noun2 = rng.pick(NOUNS);
    match rng.below(10) {
        0..=2 => format!("The {adj} {noun}"),
        3 => format!("{noun} of the {adj} {noun2}"),
        4 => format!("{adj} {noun}"),
        5 => format!("Return to {}", rng.pick(PLACES)),
        6 => format!("{}'s {noun}", rng.pick(FIRST)),
        7 => format!("Goodbye, {adj} {noun}"),
        8 => format!("The {noun} and the {noun2}"),
        _ => format!("{noun} {}", rng.range(2, 4)),
    }
}

/// A one-line tagline.
pub(crate) fn tagline(rng: &mut Rng) -> String {
    rng.pick(TAGLINES).to_string()
}

/// A two- or three-sentence plot summary (commas, sometimes a quoted phrase).
pub(crate) fn overview(rng: &mut Rng) -> String {
    let mut text = format!(
        "In {}, {} finds life turned upside down when {}.",
        rng.pick(PLACES),
        rng.pick(ROLES),
        rng.pick(EVENTS)
    );
    if rng.chance(0.15) {
        text.push_str(&format!(
            " Locals call it \"the {} {}\", and nobody talks about it.",
            rng.pick(ADJECTIVES).to_lowercase(),
            rng.pick(NOUNS).to_lowercase()
        ));
    }
    text.push(' ');
    let outcome: &&str = rng.pick(OUTCOMES);
    text.push_str(outcome);
    text
}

/// A person's name: mostly Latin script (some accents), a few in CJK script.
pub(crate) fn person(rng: &mut Rng) -> String {
    if rng.chance(0.02) {
        return rng.pick(CJK_PEOPLE).to_string();
    }
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

/// A plain-ASCII person name without apostrophes or commas (safe in an unquoted field).
pub(crate) fn plain_person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST[..40]), rng.pick(&LAST[..30]))
}

/// A production company name, e.g. `Larkspur Motion Pictures`.
pub(crate) fn company(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(COMPANY_WORDS), rng.pick(COMPANY_SUFFIXES))
}

/// The keyword vocabulary (distinct entries).
pub(crate) fn keywords() -> &'static [&'static str] {
    KEYWORD_WORDS
}

/// A character played in a film.
pub(crate) fn character(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => "Himself".to_string(),
        1 => format!("{} (voice)", rng.pick(FIRST)),
        2 => format!("Officer {}", rng.pick(LAST)),
        3 => format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        _ => rng.pick(FIRST).to_string(),
    }
}

/// A lower-case URL slug of ASCII letters and digits.
pub(crate) fn slug(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}
