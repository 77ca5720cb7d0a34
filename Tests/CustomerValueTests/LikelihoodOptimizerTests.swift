import Foundation
import Testing
@testable import CustomerValue

@Test func optimizerFindsTheMinimumOfRosenbrock() {
    let objective: LikelihoodOptimizer.Objective = { point in
        let (x, y) = (point[0], point[1])
        let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
    }
    let report = LikelihoodOptimizer().minimize(objective, starts: [[-1.2, 1], [0, 0]])
    #expect(report.converged)
    #expect(abs(report.point[0] - 1) < 1e-6 && abs(report.point[1] - 1) < 1e-6)
    #expect(report.starts == 2)
    #expect(report.coordinatesOnBoundary.isEmpty)
}

/// A value that keeps falling as a coordinate grows ends on the box and says which coordinate.
@Test func optimizerReportsACoordinateOnTheBoundary() {
    let objective: LikelihoodOptimizer.Objective = { point in
        let rising: Double = exp(point[1])
        let value: Double = (point[0] - 1) * (point[0] - 1) + 1 / (1 + rising)
        let slope: Double = -rising / ((1 + rising) * (1 + rising))
        return (value, [2 * (point[0] - 1), slope])
    }
    let report = LikelihoodOptimizer().minimize(objective, starts: [[0, 0]])
    #expect(report.coordinatesOnBoundary == [1])
    #expect(abs(report.point[0] - 1) < 1e-6)
}

@Test func optimizerSkipsStartsWithoutAFiniteValue() {
    let objective: LikelihoodOptimizer.Objective = { point in
        point[0] < -5 ? (.nan, [.nan]) : ((point[0] - 2) * (point[0] - 2), [2 * (point[0] - 2)])
    }
    let report = LikelihoodOptimizer().minimize(objective, starts: [[-10], [0]])
    #expect(report.converged)
    #expect(abs(report.point[0] - 2) < 1e-9)
}
