import Foundation
import LinearAlgebra

/// A saved model: versioned JSON with everything needed to score a new table, and nothing about the
/// people it was trained on.
///
/// Fields: `formatVersion`, `algorithm`, the input `featureNames` (in the order the model reads them),
/// the fitted `transform`, the hyper-parameters, the fitted parameters and the training metrics. Keys are
/// sorted and numbers printed in their shortest exact form, so the same fit gives the same bytes.
public struct ModelFile: Codable, Sendable, Equatable {
    /// The format this build writes and reads.
    public static let currentFormatVersion = 1

    /// The file format version.
    public var formatVersion: Int
    /// `logistic` or `gbdt`.
    public var algorithm: String
    /// The input columns the model reads, in order.
    public var featureNames: [String]
    /// The label column it was trained on.
    public var labelName: String
    /// Transforms fitted on the training table (logistic models; trees read raw values and missing ones).
    public var transform: FeatureTransform?
    /// The hyper-parameters of a logistic model.
    public var logisticConfiguration: LogisticRegression.Configuration?
    /// The fitted logistic model, over `transform.outputNames`.
    public var logistic: FittedLogisticRegression?
    /// The hyper-parameters of a gradient-boosting model.
    public var gbdtConfiguration: GradientBoosting.Configuration?
    /// The fitted gradient-boosting model, over `featureNames`.
    public var gbdt: FittedGradientBoosting?
    /// Rows it was trained on.
    public var trainingRows: Int
    /// Metrics on the training table.
    public var trainingMetrics: BinaryMetrics

    /// Fits transforms and a logistic regression on `dataset` (which must have labels).
    public static func fitLogistic(_ dataset: Dataset, labelName: String,
                                   configuration: LogisticRegression.Configuration,
                                   transformSettings: FeatureTransform.Settings = .init()) throws -> ModelFile {
        let labels = try dataset.binaryLabels()
        let (transform, transformed) = FeatureTransform.fitAndApply(dataset.features, names: dataset.featureNames,
                                                                    settings: transformSettings)
        let model = try LogisticRegression.fit(transformed, labels: labels, weights: dataset.weights,
                                               configuration: configuration)
        let metrics = BinaryMetrics(probabilities: model.probabilities(transformed), labels: labels)
        return ModelFile(formatVersion: currentFormatVersion, algorithm: "logistic", featureNames: dataset.featureNames,
                         labelName: labelName, transform: transform, logisticConfiguration: configuration,
                         logistic: model, gbdtConfiguration: nil, gbdt: nil, trainingRows: dataset.rowCount,
                         trainingMetrics: metrics)
    }

    /// Fits histogram gradient boosting on `dataset` (which must have labels), with an optional labelled
    /// validation table for early stopping.
    public static func fitGradientBoosting(_ dataset: Dataset, labelName: String, configuration: GradientBoosting.Configuration,
                                           validation: Dataset? = nil, threads: Int = 1) throws -> ModelFile {
        let labels = try dataset.binaryLabels()
        let validationPair = try validation.map { (try $0.features(named: dataset.featureNames), try $0.binaryLabels()) }
        let (model, scores) = try GradientBoosting.fitWithTrainingScores(dataset.features, labels: labels, configuration: configuration,
                                                                         validation: validationPair, threads: threads)
        let metrics = BinaryMetrics(probabilities: scores.map(sigmoid), labels: labels)
        return ModelFile(formatVersion: currentFormatVersion, algorithm: "gbdt", featureNames: dataset.featureNames,
                         labelName: labelName, transform: nil, logisticConfiguration: nil, logistic: nil,
                         gbdtConfiguration: configuration, gbdt: model, trainingRows: dataset.rowCount,
                         trainingMetrics: metrics)
    }

    /// The probability of label 1 for each row of `dataset` (trees on `threads` threads, the same result
    /// for any count); throws when it lacks one of the model's features.
    public func probabilities(_ dataset: Dataset, threads: Int = 1) throws -> [Double] {
        let features = try dataset.features(named: featureNames)
        if let gbdt { return gbdt.probabilities(features, threads: threads) }
        guard let logistic, let transform else {
            throw ScoringCoreError.invalidModelFile(file: "", reason: "no fitted model inside")
        }
        return logistic.probabilities(transform.apply(features))
    }

    /// The JSON bytes of the model (sorted keys, indented).
    public func encoded() throws -> Data {
        try Self.jsonEncoder().encode(self)
    }

    /// The encoder of model files (and of files that embed one): sorted keys, indented unless asked
    /// otherwise, NaN and infinities as the strings "nan", "inf", "-inf".
    public static func jsonEncoder(indented: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = indented ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The decoder matching `jsonEncoder`.
    public static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// Reads a model from JSON bytes; `file` names it in errors. An unknown format version is an error,
    /// not a crash.
    public static func decode(_ data: Data, file: String) throws -> ModelFile {
        struct VersionProbe: Decodable { var formatVersion: Int }
        let decoder = jsonDecoder()
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).formatVersion
        } catch {
            throw ScoringCoreError.invalidModelFile(file: file, reason: "no formatVersion field (\(error))")
        }
        guard version == currentFormatVersion else {
            throw ScoringCoreError.unknownFormatVersion(file: file, found: version, supported: currentFormatVersion)
        }
        do {
            return try decoder.decode(ModelFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ScoringCoreError.invalidModelFile(file: file, reason: "missing field \"\(key.stringValue)\"")
        } catch {
            throw ScoringCoreError.invalidModelFile(file: file, reason: "\(error)")
        }
    }
}
