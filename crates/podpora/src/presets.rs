//! The preset catalogues of `examples/presets/`, built into the binary so that
//! `podpora demo --preset NAME` works anywhere.

/// Every preset: its name and its TOML catalogue.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "smart-home-integrator",
        include_str!("../../../examples/presets/smart-home-integrator.toml"),
    ),
    (
        "pbx-vendor",
        include_str!("../../../examples/presets/pbx-vendor.toml"),
    ),
    (
        "web-services",
        include_str!("../../../examples/presets/web-services.toml"),
    ),
    (
        "saas-repair-shops",
        include_str!("../../../examples/presets/saas-repair-shops.toml"),
    ),
    (
        "business-software",
        include_str!("../../../examples/presets/business-software.toml"),
    ),
];

/// A preset's catalogue by name, or an error that lists the names.
pub fn get(name: &str) -> Result<&'static str, String> {
    PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            format!(
                "there is no preset {name:?}; choose one of: {}",
                PRESETS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}
