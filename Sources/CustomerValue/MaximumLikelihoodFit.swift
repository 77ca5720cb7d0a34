import Foundation

/// A model fitted by maximum likelihood on per-customer rows: the lifetime models (BG/NBD, Pareto/NBD)
/// and the spend model (Gamma-Gamma) all fit through `MaximumLikelihoodFit`.
public protocol MaximumLikelihoodModel: Sendable {
    /// The parameter names, in order (as the papers and `lifetimes` name them).
    static var parameterNames: [String] { get }
    /// The parameters measured in the unit of the data (time or money), which scale with it.
    static var scaledParameters: [Int] { get }
    /// The row components measured in that unit (rescaled together with `scaledParameters`).
    static var scaledRowComponents: [Int] { get }
    /// What it means when the optimum lies on the boundary of the parameter space, in plain words.
    static var boundaryMeaning: String { get }
    /// One customer's log-likelihood at `parameters` (all positive).
    static func logLikelihood<Scalar: LikelihoodScalar>(_ parameters: [Scalar], row: SIMD4<Double>) -> Scalar
    /// The model with the given parameters (in `parameterNames` order).
    init(parameters: [Double])
    /// The parameters, in `parameterNames` order.
    var parameters: [Double] { get }
}

/// A maximum-likelihood fit: the model, its standard errors and log-likelihood, and how the search went.
public struct MaximumLikelihoodFit<Model: MaximumLikelihoodModel>: Sendable {
    /// The fitted model.
    public var model: Model
    /// The standard error of each parameter (from the inverse Hessian of the log-likelihood, penalized when
    /// the fit needed a penalty; NaN where it is not positive definite).
    public var standardErrors: [Double]
    /// The log-likelihood of the data at the fitted parameters (without any penalty).
    public var logLikelihood: Double
    /// The rows fitted (customers, with repeats counted).
    public var rows: Int
    /// The optimizer's report (on the rescaled log-parameters).
    public var report: LikelihoodOptimizer.Report
    /// The ridge penalty on the log-parameters the fit needed to stay inside the boundary (0: none).
    public var penalty: Double
    /// The log-likelihood of the unpenalized optimum on the boundary, when a penalty was needed.
    public var boundaryLogLikelihood: Double?
    /// Plain words on a boundary optimum and what was done about it; nil for an interior optimum.
    public var boundary: String?

    /// The parameters by name.
    public var namedParameters: [(name: String, value: Double)] {
        zip(Model.parameterNames, model.parameters).map { ($0, $1) }
    }

    /// Fits `Model` to `rows` by maximum likelihood.
    ///
    /// Identical rows are fitted once with their count as weight; the unit is rescaled so the scaled rows'
    /// largest value is 1 (scale parameters of order 1); the log-parameters are searched by BFGS with the
    /// exact gradient from `GradientDual`, from four fixed starts. When the optimum lies on the boundary (a
    /// parameter running to 0 or infinity), the fit is repeated with a growing ridge penalty on the rescaled
    /// log-parameters (1e-4, 1e-3, 1e-2 per row) until it comes to rest inside, and says so in `boundary`.
    public init(rows: [SIMD4<Double>], optimizer: LikelihoodOptimizer = LikelihoodOptimizer()) {
        // Identical rows once, with weights, in a fixed order.
        var weights: [SIMD4<Double>: Double] = [:]
        for row in rows { weights[row, default: 0] += 1 }
        let unique = weights.keys.sorted { left, right in
            for index in 0..<4 where left[index] != right[index] { return left[index] < right[index] }
            return false
        }
        let weight = unique.map { weights[$0]! }
        var scale = unique.reduce(0.0) { largest, row in Model.scaledRowComponents.reduce(largest) { max($0, row[$1]) } }
        if !(scale > 0) || !scale.isFinite { scale = 1 }
        let scaledRows = unique.map { row -> SIMD4<Double> in
            var scaled = row
            for component in Model.scaledRowComponents { scaled[component] /= scale }
            return scaled
        }
        let count = Double(rows.count)
        let dimension = Model.parameterNames.count

        func objective(penalty: Double) -> LikelihoodOptimizer.Objective {
            { point in
                let parameters = (0..<dimension).map { GradientDual.parameter(Foundation.exp(point[$0]), index: $0, derivative: Foundation.exp(point[$0])) }
                var total = GradientDual(0)
                for (row, rowWeight) in zip(scaledRows, weight) {
                    let rowValue = Model.logLikelihood(parameters, row: row)
                    // One row without a finite value makes the point unusable: stop there rather than pay
                    // for the rest (a hypergeometric series far from the optimum can be long).
                    guard rowValue.value.isFinite else { return (.nan, [Double](repeating: .nan, count: dimension)) }
                    total = total + rowValue * rowWeight
                }
                var value = -total.value / count
                var gradient = (0..<dimension).map { -total.gradient[$0] / count }
                for index in 0..<dimension {
                    value += penalty * point[index] * point[index]
                    gradient[index] += 2 * penalty * point[index]
                }
                guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
                    return (.nan, [Double](repeating: .nan, count: dimension))
                }
                return (value, gradient)
            }
        }
        let starts: [[Double]] = [
            [Double](repeating: 0, count: dimension),
            (0..<dimension).map { $0 % 2 == 0 ? -1 : 1 },
            (0..<dimension).map { $0 % 2 == 0 ? 1 : -1 },
            [Double](repeating: 1, count: dimension),
        ]
        var report = optimizer.minimize(objective(penalty: 0), starts: starts)
        var penalty = 0.0
        var boundaryLogLikelihood: Double?
        var boundary: String?
        if !report.coordinatesOnBoundary.isEmpty, report.value.isFinite {
            let names = report.coordinatesOnBoundary.map { index in
                "\(Model.parameterNames[index]) → \(report.point[index] > 0 ? "∞" : "0")"
            }.joined(separator: ", ")
            boundaryLogLikelihood = Self.logLikelihood(point: report.point, scale: scale, rows: unique, weights: weight)
            let unpenalized = report
            for candidate in [1e-4, 1e-3, 1e-2] {
                let penalized = optimizer.minimize(objective(penalty: candidate), starts: starts)
                penalty = candidate
                report = penalized
                if penalized.coordinatesOnBoundary.isEmpty { break }
            }
            if !report.value.isFinite { report = unpenalized; penalty = 0 }
            boundary = "the likelihood rises towards the boundary (\(names)): \(Model.boundaryMeaning); "
                + (penalty > 0 && report.coordinatesOnBoundary.isEmpty
                    ? "refitted with a ridge penalty of \(penalty) per customer on the log-parameters, which keeps them inside"
                    : "kept the parameters at the edge of the search box (log-parameters within ±\(optimizer.bound))")
        }
        let natural = Self.naturalParameters(point: report.point, scale: scale)
        model = Model(parameters: natural)
        logLikelihood = Self.logLikelihood(point: report.point, scale: scale, rows: unique, weights: weight)
        self.rows = rows.count
        self.report = report
        self.penalty = penalty
        self.boundaryLogLikelihood = boundaryLogLikelihood
        self.boundary = boundary
        // Standard errors: the Hessian of −log L (plus the penalty, when one was needed) in the
        // log-parameters, by central differences of the exact gradient, inverted; the delta method takes
        // them to the parameters themselves.
        let unpenalizedObjective = objective(penalty: penalty)
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: dimension)
        let step = 1e-5
        for column in 0..<dimension {
            var up = report.point, down = report.point
            up[column] += step
            down[column] -= step
            let upper = unpenalizedObjective(up).gradient, lower = unpenalizedObjective(down).gradient
            for row in 0..<dimension { hessian[row][column] = (upper[row] - lower[row]) / (2 * step) * count }
        }
        for row in 0..<dimension { for column in 0..<row {
            let mean = (hessian[row][column] + hessian[column][row]) / 2
            hessian[row][column] = mean
            hessian[column][row] = mean
        } }
        let covariance = Self.inverse(hessian)
        standardErrors = (0..<dimension).map { index in
            guard let covariance, covariance[index][index] > 0 else { return .nan }
            return natural[index] * covariance[index][index].squareRoot()
        }
    }

    static func naturalParameters(point: [Double], scale: Double) -> [Double] {
        point.indices.map { index in
            Foundation.exp(point[index]) * (Model.scaledParameters.contains(index) ? scale : 1)
        }
    }

    static func logLikelihood(point: [Double], scale: Double, rows: [SIMD4<Double>], weights: [Double]) -> Double {
        let natural = naturalParameters(point: point, scale: scale)
        var total = 0.0
        for (row, weight) in zip(rows, weights) { total += Model.logLikelihood(natural, row: row) * weight }
        return total
    }

    /// The inverse of a small symmetric matrix by Gauss-Jordan elimination with partial pivoting; nil when
    /// it is singular or not finite.
    static func inverse(_ matrix: [[Double]]) -> [[Double]]? {
        let size = matrix.count
        var work = matrix.enumerated().map { index, row in row + (0..<size).map { $0 == index ? 1.0 : 0 } }
        for column in 0..<size {
            guard let pivot = (column..<size).max(by: { abs(work[$0][column]) < abs(work[$1][column]) }),
                  abs(work[pivot][column]) > 1e-300, work[pivot][column].isFinite else { return nil }
            work.swapAt(column, pivot)
            let divisor = work[column][column]
            work[column] = work[column].map { $0 / divisor }
            for row in 0..<size where row != column {
                let factor = work[row][column]
                if factor != 0 { work[row] = zip(work[row], work[column]).map { $0 - factor * $1 } }
            }
        }
        let result = work.map { Array($0[size...]) }
        return result.allSatisfy { $0.allSatisfy(\.isFinite) } ? result : nil
    }
}
