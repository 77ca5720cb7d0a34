import Foundation

/// Maximum likelihood on a log-parameter scale: BFGS with a backtracking (Armijo) line search, from
/// several fixed starting points, inside a box that keeps every log-parameter finite.
///
/// The objective is the mean negative log-likelihood per customer, so the gradient tolerance means the
/// same for 2,000 customers as for 2 million. Where a coordinate ends on the box, the likelihood kept rising
/// towards a limit the model cannot reach (a parameter running to 0 or to infinity): the report says which.
public struct LikelihoodOptimizer: Sendable {
    /// The mean negative log-likelihood and its gradient at a point of the log-parameter space.
    public typealias Objective = @Sendable ([Double]) -> (value: Double, gradient: [Double])

    /// The outcome of one fit.
    public struct Report: Sendable, Equatable {
        /// The best point found (log-parameters).
        public var point: [Double]
        /// The mean negative log-likelihood there.
        public var value: Double
        /// The largest absolute gradient component there, leaving out coordinates held on the box.
        public var gradientNorm: Double
        /// BFGS iterations taken from the start that won.
        public var iterations: Int
        /// Whether the gradient at the end is below `acceptedGradient` (otherwise the iteration limit or a
        /// stalled search stopped it short of an optimum).
        public var converged: Bool
        /// How many starting points were tried.
        public var starts: Int
        /// The coordinates that ended on the box (empty for an interior optimum).
        public var coordinatesOnBoundary: [Int]
    }

    /// The box on every log-parameter: exp(±12) spans about 6e-6 to 1.6e5 on the rescaled problem (time
    /// and money scaled to at most 1), far beyond any identified optimum; a likelihood still rising at its
    /// edge is running off to a limit (a ridge towards a → 0, b → ∞, say) the data cannot pin down.
    public var bound = 12.0
    /// The gradient (largest component) below which the search stops.
    public var gradientTolerance = 1e-9
    /// The gradient below which a search that stopped (tolerance met, line search stalled, or no progress)
    /// counts as converged.
    public var acceptedGradient = 1e-7
    /// The most BFGS iterations per start.
    public var maximumIterations = 500
    /// The most objective evaluations in one `minimize` call (all starts together): a bound on the work
    /// that does not depend on the machine, so a likelihood that is costly to evaluate cannot make a fit
    /// run without end. A search cut short by it reports `converged` false.
    public var maximumEvaluations = 400
    /// A search whose value fell by less than this (relative) over `stallIterations` iterations stops.
    public var stallTolerance = 1e-13
    /// See `stallTolerance`.
    public var stallIterations = 20

    /// An optimizer with the default settings.
    public init() {}

    /// Minimizes `objective` from each of `starts` and keeps the best finite result (the first on ties).
    public func minimize(_ objective: Objective, starts: [[Double]]) -> Report {
        var best: Report?
        var evaluations = 0
        let counted: ([Double]) -> (value: Double, gradient: [Double]) = { point in
            evaluations += 1
            if evaluations > maximumEvaluations { return (.nan, point.map { _ in .nan }) }
            return objective(point)
        }
        for start in starts where evaluations < maximumEvaluations {
            var report = run(counted, from: start)
            report.starts = starts.count
            guard report.value.isFinite else { continue }
            if best == nil || report.value < best!.value - 1e-12 { best = report }
        }
        return best ?? Report(point: starts.first ?? [], value: .nan, gradientNorm: .nan, iterations: 0, converged: false,
                              starts: starts.count, coordinatesOnBoundary: [])
    }

    /// One BFGS run (projected onto the box; coordinates pressed against it are held there).
    func run(_ objective: ([Double]) -> (value: Double, gradient: [Double]), from start: [Double]) -> Report {
        let dimension = start.count
        var point = start.map { min(max($0, -bound), bound) }
        var (value, gradient) = objective(point)
        guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
            return Report(point: point, value: .nan, gradientNorm: .nan, iterations: 0, converged: false, starts: 1,
                          coordinatesOnBoundary: [])
        }
        var inverseHessian = identity(dimension)
        var iterations = 0
        var recentValues: [Double] = []
        while iterations < maximumIterations {
            let held = heldCoordinates(point, gradient)
            let free = freeGradient(gradient, held: held)
            if largestMagnitude(free) <= gradientTolerance { break }
            recentValues.append(value)
            if recentValues.count > stallIterations {
                recentValues.removeFirst()
                if recentValues[0] - value <= stallTolerance * max(1, abs(value)) { break }
            }
            iterations += 1
            var direction = [Double](repeating: 0, count: dimension)
            for row in 0..<dimension where !held.contains(row) {
                var sum = 0.0
                for column in 0..<dimension where !held.contains(column) { sum -= inverseHessian[row][column] * gradient[column] }
                direction[row] = sum
            }
            var slope = zip(direction, gradient).reduce(0) { $0 + $1.0 * $1.1 }
            if !(slope < 0) {  // not a descent direction: restart from steepest descent
                inverseHessian = identity(dimension)
                direction = free.map { -$0 }
                slope = zip(direction, gradient).reduce(0) { $0 + $1.0 * $1.1 }
            }
            // Backtracking: the longest step, from 1, that lowers the value enough (Armijo, c = 1e-4).
            var step = 1.0
            var accepted: (point: [Double], value: Double, gradient: [Double])?
            for _ in 0..<50 {
                let trial = (0..<dimension).map { min(max(point[$0] + step * direction[$0], -bound), bound) }
                let (trialValue, trialGradient) = objective(trial)
                let projectedSlope = (0..<dimension).reduce(0.0) { $0 + (trial[$1] - point[$1]) * gradient[$1] }
                if trialValue.isFinite, trialGradient.allSatisfy(\.isFinite), trialValue <= value + 1e-4 * projectedSlope {
                    accepted = (trial, trialValue, trialGradient)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else { break }  // the line search stalled: as good as it gets here
            let change = (0..<dimension).map { next.point[$0] - point[$0] }
            let gradientChange = (0..<dimension).map { next.gradient[$0] - gradient[$0] }
            let curvature = zip(change, gradientChange).reduce(0) { $0 + $1.0 * $1.1 }
            let previousValue = value
            point = next.point
            value = next.value
            gradient = next.gradient
            if curvature > 1e-14 {
                if iterations == 1 {  // scale the first guess of the inverse Hessian to the problem (sᵀy / yᵀy)
                    let scale = curvature / gradientChange.reduce(0) { $0 + $1 * $1 }
                    inverseHessian = identity(dimension).map { $0.map { $0 * scale } }
                }
                updateInverseHessian(&inverseHessian, change: change, gradientChange: gradientChange, curvature: curvature)
            }
            if abs(previousValue - value) <= 1e-16 * max(1, abs(value)), largestMagnitude(change) <= 1e-15 { break }
        }
        let held = heldCoordinates(point, gradient)
        let gradientNorm = largestMagnitude(freeGradient(gradient, held: held))
        return Report(point: point, value: value, gradientNorm: gradientNorm,
                      iterations: iterations, converged: gradientNorm <= acceptedGradient, starts: 1,
                      coordinatesOnBoundary: (0..<dimension).filter { abs(point[$0]) >= bound - 1e-9 })
    }

    /// Coordinates on the box whose gradient pushes them further out.
    func heldCoordinates(_ point: [Double], _ gradient: [Double]) -> Set<Int> {
        Set((0..<point.count).filter {
            (point[$0] >= bound - 1e-12 && gradient[$0] < 0) || (point[$0] <= -bound + 1e-12 && gradient[$0] > 0)
        })
    }

    func freeGradient(_ gradient: [Double], held: Set<Int>) -> [Double] {
        gradient.indices.map { held.contains($0) ? 0 : gradient[$0] }
    }

    func largestMagnitude(_ values: [Double]) -> Double { values.reduce(0) { max($0, abs($1)) } }

    func identity(_ dimension: Int) -> [[Double]] {
        (0..<dimension).map { row in (0..<dimension).map { $0 == row ? 1 : 0 } }
    }

    /// The BFGS update of the inverse Hessian H: (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs).
    func updateInverseHessian(_ inverse: inout [[Double]], change s: [Double], gradientChange y: [Double], curvature: Double) {
        let dimension = s.count
        let rho = 1 / curvature
        let hy = (0..<dimension).map { row in (0..<dimension).reduce(0.0) { $0 + inverse[row][$1] * y[$1] } }
        let yhy = zip(y, hy).reduce(0) { $0 + $1.0 * $1.1 }
        for row in 0..<dimension {
            for column in 0..<dimension {
                inverse[row][column] += -rho * (hy[row] * s[column] + s[row] * hy[column]) + (rho * rho * yhy + rho) * s[row] * s[column]
            }
        }
    }
}
