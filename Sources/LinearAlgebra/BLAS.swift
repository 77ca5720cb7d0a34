import COpenBLAS

/// Safe wrappers over the OpenBLAS routines the models use.
///
/// Every routine checks shapes with `precondition` (a shape mismatch is a programmer's mistake, not bad
/// data) and passes row-major storage to CBLAS. Vectors are plain arrays with unit stride.
public enum BLAS {
    /// Sets the number of threads OpenBLAS uses (at least 1).
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, min(count, 256))))
    }

    /// The dot product `Σ x[i] · y[i]`.
    ///
    /// - Complexity: O(n).
    public static func dot<Scalar: BLASScalar>(_ x: [Scalar], _ y: [Scalar]) -> Scalar {
        precondition(x.count == y.count, "dot: vectors of length \(x.count) and \(y.count)")
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { xBuffer in
            y.withUnsafeBufferPointer { yBuffer in
                Scalar._dot(blasInt(x.count), xBuffer.baseAddress!, 1, yBuffer.baseAddress!, 1)
            }
        }
    }

    /// `y ← alpha · x + y`.
    ///
    /// - Complexity: O(n).
    public static func axpy<Scalar: BLASScalar>(alpha: Scalar, x: [Scalar], y: inout [Scalar]) {
        precondition(x.count == y.count, "axpy: vectors of length \(x.count) and \(y.count)")
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { xBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                Scalar._axpy(blasInt(xBuffer.count), alpha, xBuffer.baseAddress!, 1, yBuffer.baseAddress!, 1)
            }
        }
    }

    /// `x ← alpha · x`.
    ///
    /// - Complexity: O(n).
    public static func scal<Scalar: BLASScalar>(alpha: Scalar, x: inout [Scalar]) {
        if x.isEmpty { return }
        x.withUnsafeMutableBufferPointer { xBuffer in
            Scalar._scal(blasInt(xBuffer.count), alpha, xBuffer.baseAddress!, 1)
        }
    }

    /// `y ← alpha · op(A) · x + beta · y`, where `op(A)` is `A` or, with `transpose`, `Aᵀ`.
    ///
    /// `x` has `op(A).columns` elements and `y` has `op(A).rows`. With `beta == 0` the old contents of `y`
    /// are ignored (BLAS semantics), so `y` may hold anything of the right length.
    ///
    /// - Complexity: O(rows · columns).
    public static func gemv<Scalar: BLASScalar>(
        transpose: Bool = false, alpha: Scalar = 1, a: Matrix<Scalar>, x: [Scalar],
        beta: Scalar = 0, y: inout [Scalar]
    ) {
        let outputLength = transpose ? a.columns : a.rows
        let inputLength = transpose ? a.rows : a.columns
        precondition(x.count == inputLength, "gemv: x has \(x.count) elements, op(A) has \(inputLength) columns")
        precondition(y.count == outputLength, "gemv: y has \(y.count) elements, op(A) has \(outputLength) rows")
        if outputLength == 0 { return }
        if inputLength == 0 {
            scal(alpha: beta, x: &y)
            return
        }
        a.withUnsafeBufferPointer { aBuffer in
            x.withUnsafeBufferPointer { xBuffer in
                y.withUnsafeMutableBufferPointer { yBuffer in
                    Scalar._gemv(transpose, blasInt(a.rows), blasInt(a.columns), alpha,
                                 aBuffer.baseAddress!, blasInt(max(a.columns, 1)),
                                 xBuffer.baseAddress!, 1, beta, yBuffer.baseAddress!, 1)
                }
            }
        }
    }

    /// `C ← alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
    ///
    /// - Complexity: O(m · n · k) for `op(A)` of `m × k` and `op(B)` of `k × n`.
    public static func gemm<Scalar: BLASScalar>(
        transposeA: Bool = false, transposeB: Bool = false, alpha: Scalar = 1,
        a: Matrix<Scalar>, b: Matrix<Scalar>, beta: Scalar = 0, c: inout Matrix<Scalar>
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kB, "gemm: op(A) is \(m)×\(k) but op(B) is \(kB)×\(n)")
        precondition(c.rows == m && c.columns == n, "gemm: C is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            scal(alpha: beta, x: &c.elements)
            return
        }
        a.withUnsafeBufferPointer { aBuffer in
            b.withUnsafeBufferPointer { bBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    Scalar._gemm(transposeA, transposeB, blasInt(m), blasInt(n), blasInt(k), alpha,
                                 aBuffer.baseAddress!, blasInt(a.columns),
                                 bBuffer.baseAddress!, blasInt(b.columns),
                                 beta, cBuffer.baseAddress!, blasInt(n))
                }
            }
        }
    }

    /// The symmetric rank-k update `C ← alpha · op(A) · op(A)ᵀ + beta · C`.
    ///
    /// Without `transpose`, `A` is `n × k` and `C` is `n × n` (`A·Aᵀ`); with `transpose`, `A` is `k × n`
    /// and `C` is `n × n` (`Aᵀ·A`, the Gram matrix of the columns, as used by Newton steps). BLAS updates
    /// only the upper triangle; this wrapper then mirrors it, so `C` comes back fully symmetric.
    ///
    /// - Complexity: O(n² · k).
    public static func syrk<Scalar: BLASScalar>(
        transpose: Bool = false, alpha: Scalar = 1, a: Matrix<Scalar>, beta: Scalar = 0, c: inout Matrix<Scalar>
    ) {
        let n = transpose ? a.columns : a.rows
        let k = transpose ? a.rows : a.columns
        precondition(c.rows == n && c.columns == n, "syrk: C is \(c.rows)×\(c.columns), expected \(n)×\(n)")
        if n == 0 { return }
        if k == 0 {
            scal(alpha: beta, x: &c.elements)
            return
        }
        a.withUnsafeBufferPointer { aBuffer in
            c.withUnsafeMutableBufferPointer { cBuffer in
                Scalar._syrk(transpose, blasInt(n), blasInt(k), alpha,
                             aBuffer.baseAddress!, blasInt(a.columns), beta, cBuffer.baseAddress!, blasInt(n))
                for row in 1..<max(n, 1) {
                    for column in 0..<row {
                        cBuffer[row * n + column] = cBuffer[column * n + row]
                    }
                }
            }
        }
    }
}
