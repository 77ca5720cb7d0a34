// swift-tools-version:6.0
// libFuzzer targets for the input parsers of OrderHistory and the config reader of LoyaltyConfig. Not part of the main package: a fuzz target has
// no `main` (libFuzzer supplies it), so it cannot be linked into the main package's test build.
// Build and run with ./run.sh; the sanitizer flags are passed on the command line there so that they apply
// to OrderHistory as well (coverage feedback and AddressSanitizer need the library instrumented, not just
// the targets).
import PackageDescription

let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "loyalty-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "loyalty", path: "../.."),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", .product(name: "OrderHistory", package: "loyalty")]),
        .executableTarget(
            name: "FuzzDelimitedText",
            dependencies: ["FuzzSupport", .product(name: "OrderHistory", package: "loyalty")],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzDates",
            dependencies: ["FuzzSupport", .product(name: "OrderHistory", package: "loyalty")],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzNumbers",
            dependencies: ["FuzzSupport", .product(name: "OrderHistory", package: "loyalty")],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzConfig",
            dependencies: ["FuzzSupport", .product(name: "LoyaltyConfig", package: "loyalty"),
                           .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: fuzzTarget),
    ]
)
