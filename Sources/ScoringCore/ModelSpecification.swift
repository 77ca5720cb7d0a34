/// A model to fit, before it is fitted: its kind and hyper-parameters. `loyalty train` compares a list
/// of them out of time (`TrainingSettings.candidates`), and `loyalty ml fit` fits one.
public enum ModelSpecification: Sendable, Equatable {
    /// Logistic regression, with the transforms fitted on the training table.
    case logistic(LogisticRegression.Configuration, transform: FeatureTransform.Settings = .init())
    /// Histogram gradient boosting.
    case gradientBoosting(GradientBoosting.Configuration)

    /// The tag its fitted model has (`FittedModel.algorithm`): `logistic` or `gbdt`.
    public var algorithm: String {
        switch self {
        case .logistic: return FittedModel.logisticAlgorithm
        case .gradientBoosting: return FittedModel.gradientBoostingAlgorithm
        }
    }

    /// The kind in words, for progress lines.
    public var description: String {
        switch self {
        case .logistic: return "logistic regression"
        case .gradientBoosting: return "gradient boosting"
        }
    }

    /// Fits the model on `dataset` (which must have labels). `validation` (labelled) is used by gradient
    /// boosting for early stopping; `threads` share its histograms (the model is the same for any count).
    /// With `softLabels`, labels may be any share in [0, 1] (log loss fits their expected value).
    public func fit(_ dataset: Dataset, labelName: String, validation: Dataset? = nil, threads: Int = 1,
                    softLabels: Bool = false) throws -> ModelFile {
        switch self {
        case .logistic(let configuration, let transform):
            return try ModelFile.fitLogistic(dataset, labelName: labelName, configuration: configuration, transformSettings: transform,
                                             softLabels: softLabels)
        case .gradientBoosting(let configuration):
            return try ModelFile.fitGradientBoosting(dataset, labelName: labelName, configuration: configuration,
                                                     validation: validation, threads: threads, softLabels: softLabels)
        }
    }
}
