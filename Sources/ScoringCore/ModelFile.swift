import Foundation
import LinearAlgebra

/// A saved model: versioned JSON with everything needed to score a new table, and nothing about the
/// people it was trained on.
///
/// Fields: `formatVersion`, `algorithm`, the input `featureNames` (in the order the model reads them),
/// the fitted model of that kind (`FittedModel`: its hyper-parameters, fitted parameters and, for
/// logistic regression, the fitted `transform`) and the training metrics. Keys are
/// sorted and numbers printed in their shortest exact form, so the same fit gives the same bytes.
public struct ModelFile: Codable, Sendable, Equatable {
    /// The format this build writes and reads.
    public static let currentFormatVersion = 1

    /// The file format version.
    public var formatVersion: Int
    /// The input columns the model reads, in order.
    public var featureNames: [String]
    /// The label column it was trained on.
    public var labelName: String
    /// The fitted model, of whichever kind (with its hyper-parameters and, for logistic regression, the
    /// transforms fitted on the training table).
    public var fitted: FittedModel
    /// Rows it was trained on.
    public var trainingRows: Int
    /// Metrics on the training table.
    public var trainingMetrics: BinaryMetrics

    /// `logistic` or `gbdt` (`FittedModel.algorithm`).
    public var algorithm: String { fitted.algorithm }

    /// A model file for `fitted`, read from `featureNames`, at the current format version.
    public init(featureNames: [String], labelName: String, fitted: FittedModel, trainingRows: Int, trainingMetrics: BinaryMetrics) {
        self.formatVersion = Self.currentFormatVersion
        self.featureNames = featureNames
        self.labelName = labelName
        self.fitted = fitted
        self.trainingRows = trainingRows
        self.trainingMetrics = trainingMetrics
    }

    /// Fits transforms and a logistic regression on `dataset` (which must have labels).
    public static func fitLogistic(_ dataset: Dataset, labelName: String,
                                   configuration: LogisticRegression.Configuration,
                                   transformSettings: FeatureTransform.Settings = .init(), softLabels: Bool = false) throws -> ModelFile {
        let labels = softLabels ? try dataset.softLabels() : try dataset.binaryLabels()
        let (transform, transformed) = FeatureTransform.fitAndApply(dataset.features, names: dataset.featureNames,
                                                                    settings: transformSettings)
        let model = try LogisticRegression.fit(transformed, labels: labels, weights: dataset.weights,
                                               configuration: configuration)
        let metrics = BinaryMetrics(probabilities: model.probabilities(transformed), labels: labels)
        return ModelFile(featureNames: dataset.featureNames, labelName: labelName,
                         fitted: .logistic(configuration: configuration, transform: transform, model: model),
                         trainingRows: dataset.rowCount, trainingMetrics: metrics)
    }

    /// Fits histogram gradient boosting on `dataset` (which must have labels), with an optional labelled
    /// validation table for early stopping.
    public static func fitGradientBoosting(_ dataset: Dataset, labelName: String, configuration: GradientBoosting.Configuration,
                                           validation: Dataset? = nil, threads: Int = 1, softLabels: Bool = false) throws -> ModelFile {
        let labels = softLabels ? try dataset.softLabels() : try dataset.binaryLabels()
        let validationPair = try validation.map { (try $0.features(named: dataset.featureNames), try $0.binaryLabels()) }
        let (model, scores) = try GradientBoosting.fitWithTrainingScores(dataset.features, labels: labels, configuration: configuration,
                                                                         validation: validationPair, threads: threads)
        let metrics = BinaryMetrics(probabilities: scores.map(sigmoid), labels: labels)
        return ModelFile(featureNames: dataset.featureNames, labelName: labelName,
                         fitted: .gradientBoosting(configuration: configuration, model: model),
                         trainingRows: dataset.rowCount, trainingMetrics: metrics)
    }

    // The JSON keys of format 1: `algorithm` names the kind, whose fields sit beside it (`transform`,
    // `logisticConfiguration` and `logistic`; or `gbdtConfiguration` and `gbdt`).
    private enum CodingKeys: String, CodingKey {
        case formatVersion, algorithm, featureNames, labelName, transform, logisticConfiguration, logistic,
             gbdtConfiguration, gbdt, uplift, trainingRows, trainingMetrics
    }

    /// Reads the fields of format 1; a kind without its fields, or an unknown kind, is a decoding error.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        featureNames = try container.decode([String].self, forKey: .featureNames)
        labelName = try container.decode(String.self, forKey: .labelName)
        trainingRows = try container.decode(Int.self, forKey: .trainingRows)
        trainingMetrics = try container.decode(BinaryMetrics.self, forKey: .trainingMetrics)
        switch try container.decode(String.self, forKey: .algorithm) {
        case FittedModel.logisticAlgorithm:
            fitted = .logistic(configuration: try container.decode(LogisticRegression.Configuration.self, forKey: .logisticConfiguration),
                               transform: try container.decode(FeatureTransform.self, forKey: .transform),
                               model: try container.decode(FittedLogisticRegression.self, forKey: .logistic))
        case FittedModel.gradientBoostingAlgorithm:
            fitted = .gradientBoosting(configuration: try container.decode(GradientBoosting.Configuration.self, forKey: .gbdtConfiguration),
                                       model: try container.decode(FittedGradientBoosting.self, forKey: .gbdt))
        case FittedModel.upliftAlgorithm:
            fitted = .uplift(try container.decode(FittedUpliftModel.self, forKey: .uplift))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .algorithm, in: container,
                                                   debugDescription: "unknown algorithm \"\(other)\" (expected logistic, gbdt or uplift)")
        }
    }

    /// Writes the fields of format 1 (only the fitted kind's).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(featureNames, forKey: .featureNames)
        try container.encode(labelName, forKey: .labelName)
        try container.encode(trainingRows, forKey: .trainingRows)
        try container.encode(trainingMetrics, forKey: .trainingMetrics)
        switch fitted {
        case .logistic(let configuration, let transform, let model):
            try container.encode(configuration, forKey: .logisticConfiguration)
            try container.encode(transform, forKey: .transform)
            try container.encode(model, forKey: .logistic)
        case .gradientBoosting(let configuration, let model):
            try container.encode(configuration, forKey: .gbdtConfiguration)
            try container.encode(model, forKey: .gbdt)
        case .uplift(let model):
            try container.encode(model, forKey: .uplift)
        }
    }

    /// Fits an uplift model (`FittedUpliftModel.fit`) on `dataset` with `treatment` per row; its training
    /// metrics are the first model's (the treated arm, or the transformed class).
    public static func fitUplift(_ dataset: Dataset, treatment: [Double], labelName: String, method: FittedUpliftModel.Method,
                                 base: ModelSpecification, seed: UInt64 = 0, threads: Int = 1) throws -> ModelFile {
        let model = try FittedUpliftModel.fit(dataset, treatment: treatment, labelName: labelName, method: method, base: base,
                                              seed: seed, threads: threads)
        return ModelFile(featureNames: dataset.featureNames, labelName: labelName, fitted: .uplift(model),
                         trainingRows: dataset.rowCount, trainingMetrics: model.models[0].trainingMetrics)
    }

    /// The probability of label 1 for each row of `dataset` (trees on `threads` threads, the same result
    /// for any count); throws when it lacks one of the model's features.
    public func probabilities(_ dataset: Dataset, threads: Int = 1) throws -> [Double] {
        fitted.probabilities(try dataset.features(named: featureNames), threads: threads)
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
