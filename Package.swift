// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "loyalty",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loyalty", targets: ["loyalty"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "ScoringCore", targets: ["ScoringCore"]),
        .library(name: "OrderHistory", targets: ["OrderHistory"]),
        .library(name: "SyntheticData", targets: ["SyntheticData"]),
        .library(name: "CustomerValue", targets: ["CustomerValue"]),
        .library(name: "Features", targets: ["Features"]),
        .library(name: "LoyaltyModels", targets: ["LoyaltyModels"]),
        .library(name: "Campaigns", targets: ["Campaigns"]),
        .library(name: "Outreach", targets: ["Outreach"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "WarehouseSQL", targets: ["WarehouseSQL"]),
        .library(name: "LoyaltyKit", targets: ["LoyaltyKit"]),
        .library(name: "LoyaltyConfig", targets: ["LoyaltyConfig"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // libxlsxwriter (Debian's libxlsxwriter-dev): the call list as an Excel workbook.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "ScoringCore", dependencies: ["LinearAlgebra"]),
        .target(
            name: "OrderHistory",
            dependencies: ["CZlib"],
            // The readers' inner loops touch class state on every byte and row; dynamic exclusivity checks
            // took about 5% of `loyalty inspect` on 10M orders in a perf profile (swift_beginAccess and
            // AccessSet::insert). Debug builds (and so the tests) keep the checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "SyntheticData", dependencies: ["OrderHistory", "ScoringCore"]),
        .target(
            name: "CustomerValue",
            dependencies: ["OrderHistory"],
            // The likelihood fits (generic forward-mode duals, BFGS) run at every training cutoff; unoptimized
            // they were about 20x slower, which made every test that trains slow. Optimized in debug builds too.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(name: "Features", dependencies: ["OrderHistory", "CustomerValue"]),
        .target(name: "LoyaltyModels", dependencies: ["Features", "CustomerValue", "ScoringCore"]),
        .target(name: "Campaigns", dependencies: ["Features", "ScoringCore"]),
        .target(name: "Outreach", dependencies: ["Features", "Campaigns", "CXlsxWriter"]),
        .target(name: "Reporting", dependencies: ["Features", "LoyaltyModels", "Campaigns", "Outreach", "ScoringCore"]),
        .target(name: "WarehouseSQL", dependencies: ["LoyaltyModels", "ScoringCore"]),
        .target(name: "LoyaltyKit", dependencies: ["OrderHistory", "Features", "LoyaltyModels", "Outreach", "ScoringCore"]),
        .target(name: "LoyaltyConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "loyalty",
            dependencies: [
                "LinearAlgebra",
                "ScoringCore",
                "OrderHistory",
                "SyntheticData",
                "Features",
                "LoyaltyModels",
                "Outreach",
                "Reporting",
                "WarehouseSQL",
                "Campaigns",
                "CustomerValue",
                "LoyaltyConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "ScoringCoreTests", dependencies: ["ScoringCore"], exclude: ["Fixtures"]),
        .testTarget(name: "OrderHistoryTests", dependencies: ["OrderHistory", "ScoringCore"], exclude: ["Fixtures"]),
        .testTarget(name: "SyntheticDataTests", dependencies: ["SyntheticData"]),
        .testTarget(name: "CustomerValueTests", dependencies: ["CustomerValue"], exclude: ["Fixtures"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features"], exclude: ["Fixtures"]),
        .testTarget(name: "LoyaltyModelsTests", dependencies: ["LoyaltyModels", "SyntheticData"]),
        .testTarget(name: "CampaignsTests", dependencies: ["Campaigns"], exclude: ["Fixtures"]),
        .testTarget(name: "OutreachTests", dependencies: ["Outreach", "Campaigns"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "SyntheticData"]),
        .testTarget(name: "WarehouseSQLTests", dependencies: ["WarehouseSQL", "SyntheticData"]),
        .testTarget(name: "LoyaltyKitTests", dependencies: ["LoyaltyKit"]),
        .testTarget(name: "LoyaltyConfigTests", dependencies: ["LoyaltyConfig"]),
        .testTarget(name: "loyaltyTests", dependencies: ["loyalty"]),
    ]
)
