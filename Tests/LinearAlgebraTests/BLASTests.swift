import Testing
@testable import LinearAlgebra

/// A tiny seeded generator so that every random shape and value is reproducible.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomMatrix<S: BLASScalar>(_ rows: Int, _ columns: Int, _ rng: inout TestRandom) -> Matrix<S>
where S.RawSignificand: FixedWidthInteger {
    Matrix(rows: rows, columns: columns,
           elements: (0..<(rows * columns)).map { _ in S.random(in: -1...1, using: &rng) })
}

func randomVector<S: BLASScalar>(_ count: Int, _ rng: inout TestRandom) -> [S]
where S.RawSignificand: FixedWidthInteger {
    (0..<count).map { _ in S.random(in: -1...1, using: &rng) }
}

func naiveProduct<S: BLASScalar>(_ a: Matrix<S>, _ b: Matrix<S>) -> Matrix<S> {
    var c = Matrix<S>(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum: S = 0
            for p in 0..<a.columns { sum += a[i, p] * b[p, j] }
            c[i, j] = sum
        }
    }
    return c
}

func expectClose<S: BLASScalar>(_ actual: [S], _ expected: [S], tolerance: S, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance * max(1, abs(e)), "\(a) vs \(e)", sourceLocation: sourceLocation)
    }
}

/// Shapes that include empty, single, square, tall, wide and odd sizes.
let shapes: [(Int, Int, Int)] = [(1, 1, 1), (3, 5, 2), (7, 4, 9), (16, 16, 16), (33, 1, 17), (2, 31, 5), (50, 13, 8)]

@Test func dotMatchesNaiveSum() {
    var rng = TestRandom(state: 1)
    for n in [0, 1, 2, 7, 100, 1001] {
        let x: [Double] = randomVector(n, &rng)
        let y: [Double] = randomVector(n, &rng)
        let expected = zip(x, y).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(BLAS.dot(x, y) - expected) < 1e-12)
        let xf = x.map(Float.init), yf = y.map(Float.init)
        let expectedFloat = zip(xf, yf).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(abs(BLAS.dot(xf, yf) - expectedFloat) < 1e-3)
    }
}

@Test func axpyAndScalMatchNaiveLoops() {
    var rng = TestRandom(state: 2)
    for n in [0, 1, 5, 257] {
        let x: [Double] = randomVector(n, &rng)
        var y: [Double] = randomVector(n, &rng)
        let expected = zip(x, y).map { 2.5 * $0.0 + $0.1 }
        BLAS.axpy(alpha: 2.5, x: x, y: &y)
        expectClose(y, expected, tolerance: 1e-14)
        var z = x
        BLAS.scal(alpha: -0.5, x: &z)
        expectClose(z, x.map { -0.5 * $0 }, tolerance: 1e-15)
    }
}

@Test func gemvMatchesNaiveLoopPlainAndTransposed() {
    var rng = TestRandom(state: 3)
    for (rows, columns, _) in shapes {
        let a: Matrix<Double> = randomMatrix(rows, columns, &rng)
        let x: [Double] = randomVector(columns, &rng)
        var y: [Double] = randomVector(rows, &rng)
        let expected = (0..<rows).map { i in
            0.5 * y[i] + 2 * (0..<columns).reduce(0.0) { $0 + a[i, $1] * x[$1] }
        }
        BLAS.gemv(alpha: 2, a: a, x: x, beta: 0.5, y: &y)
        expectClose(y, expected, tolerance: 1e-12)

        let xt: [Double] = randomVector(rows, &rng)
        var yt = [Double](repeating: .nan, count: columns)  // beta 0 must ignore old contents
        let expectedT = (0..<columns).map { j in (0..<rows).reduce(0.0) { $0 + a[$1, j] * xt[$1] } }
        BLAS.gemv(transpose: true, a: a, x: xt, y: &yt)
        expectClose(yt, expectedT, tolerance: 1e-12)
    }
}

@Test func gemvInFloat32() {
    var rng = TestRandom(state: 4)
    let a: Matrix<Float> = randomMatrix(9, 6, &rng)
    let x: [Float] = randomVector(6, &rng)
    var y = [Float](repeating: 0, count: 9)
    BLAS.gemv(a: a, x: x, y: &y)
    let expected = (0..<9).map { i in (0..<6).reduce(Float(0)) { $0 + a[i, $1] * x[$1] } }
    expectClose(y, expected, tolerance: 1e-5)
}

@Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
func gemmMatchesNaiveProduct(transposeA: Bool, transposeB: Bool) {
    var rng = TestRandom(state: 5)
    for (m, k, n) in shapes {
        let opA: Matrix<Double> = randomMatrix(m, k, &rng)
        let opB: Matrix<Double> = randomMatrix(k, n, &rng)
        var c: Matrix<Double> = randomMatrix(m, n, &rng)
        let naive = naiveProduct(opA, opB)
        let expected = zip(naive.elements, c.elements).map { 1.5 * $0.0 - 1 * $0.1 }
        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, alpha: 1.5,
                  a: transposeA ? opA.transposed : opA, b: transposeB ? opB.transposed : opB,
                  beta: -1, c: &c)
        expectClose(c.elements, expected, tolerance: 1e-12)
    }
}

@Test func gemmInFloat32() {
    var rng = TestRandom(state: 6)
    let a: Matrix<Float> = randomMatrix(5, 7, &rng)
    let b: Matrix<Float> = randomMatrix(7, 3, &rng)
    var c = Matrix<Float>(rows: 5, columns: 3)
    BLAS.gemm(a: a, b: b, c: &c)
    expectClose(c.elements, naiveProduct(a, b).elements, tolerance: 1e-5)
}

@Test(arguments: [false, true])
func syrkMatchesNaiveGramMatrixAndIsSymmetric(transpose: Bool) {
    var rng = TestRandom(state: 7)
    for (rows, columns, _) in shapes {
        let a: Matrix<Double> = randomMatrix(rows, columns, &rng)
        let n = transpose ? columns : rows
        var c: Matrix<Double> = randomMatrix(n, n, &rng)
        c = Matrix(rows: n, columns: n, elements: zip(c.elements, c.transposed.elements).map { $0 + $1 })
        let gram = transpose ? naiveProduct(a.transposed, a) : naiveProduct(a, a.transposed)
        let expected = zip(gram.elements, c.elements).map { 0.5 * $0.0 + 2 * $0.1 }
        BLAS.syrk(transpose: transpose, alpha: 0.5, a: a, beta: 2, c: &c)
        expectClose(c.elements, expected, tolerance: 1e-12)
        #expect(c == c.transposed)
    }
}

@Test func emptyInnerDimensionScalesOutput() {
    let a = Matrix<Double>(rows: 3, columns: 0)
    let b = Matrix<Double>(rows: 0, columns: 2)
    var c = Matrix<Double>(rows: 3, columns: 2, repeating: 4)
    BLAS.gemm(a: a, b: b, beta: 0.5, c: &c)
    #expect(c.elements == Array(repeating: 2, count: 6))
}
