import COpenBLAS

/// A floating-point type that OpenBLAS has routines for: `Double` (the `d` routines) or `Float` (the `s` routines).
///
/// The requirements are the raw CBLAS entry points, kept internal to this module so that nothing above
/// `LinearAlgebra` ever sees a pointer to a BLAS routine. Callers use the safe wrappers in `BLAS`.
public protocol BLASScalar: BinaryFloatingPoint, Sendable {
    static func _dot(_ count: Int32, _ x: UnsafePointer<Self>, _ incX: Int32,
                     _ y: UnsafePointer<Self>, _ incY: Int32) -> Self
    static func _axpy(_ count: Int32, _ alpha: Self, _ x: UnsafePointer<Self>, _ incX: Int32,
                      _ y: UnsafeMutablePointer<Self>, _ incY: Int32)
    static func _scal(_ count: Int32, _ alpha: Self, _ x: UnsafeMutablePointer<Self>, _ incX: Int32)
    static func _gemv(_ transpose: Bool, _ rows: Int32, _ columns: Int32, _ alpha: Self,
                      _ a: UnsafePointer<Self>, _ lda: Int32, _ x: UnsafePointer<Self>, _ incX: Int32,
                      _ beta: Self, _ y: UnsafeMutablePointer<Self>, _ incY: Int32)
    static func _gemm(_ transposeA: Bool, _ transposeB: Bool, _ m: Int32, _ n: Int32, _ k: Int32,
                      _ alpha: Self, _ a: UnsafePointer<Self>, _ lda: Int32,
                      _ b: UnsafePointer<Self>, _ ldb: Int32,
                      _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int32)
    static func _syrk(_ transpose: Bool, _ n: Int32, _ k: Int32, _ alpha: Self,
                      _ a: UnsafePointer<Self>, _ lda: Int32,
                      _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int32)
}

@inline(__always)
private func cblasTranspose(_ transpose: Bool) -> CBLAS_TRANSPOSE {
    transpose ? CblasTrans : CblasNoTrans
}

extension Double: BLASScalar {
    public static func _dot(_ count: Int32, _ x: UnsafePointer<Double>, _ incX: Int32,
                            _ y: UnsafePointer<Double>, _ incY: Int32) -> Double {
        cblas_ddot(count, x, incX, y, incY)
    }
    public static func _axpy(_ count: Int32, _ alpha: Double, _ x: UnsafePointer<Double>, _ incX: Int32,
                             _ y: UnsafeMutablePointer<Double>, _ incY: Int32) {
        cblas_daxpy(count, alpha, x, incX, y, incY)
    }
    public static func _scal(_ count: Int32, _ alpha: Double, _ x: UnsafeMutablePointer<Double>, _ incX: Int32) {
        cblas_dscal(count, alpha, x, incX)
    }
    public static func _gemv(_ transpose: Bool, _ rows: Int32, _ columns: Int32, _ alpha: Double,
                             _ a: UnsafePointer<Double>, _ lda: Int32, _ x: UnsafePointer<Double>, _ incX: Int32,
                             _ beta: Double, _ y: UnsafeMutablePointer<Double>, _ incY: Int32) {
        cblas_dgemv(CblasRowMajor, cblasTranspose(transpose), rows, columns, alpha, a, lda, x, incX, beta, y, incY)
    }
    public static func _gemm(_ transposeA: Bool, _ transposeB: Bool, _ m: Int32, _ n: Int32, _ k: Int32,
                             _ alpha: Double, _ a: UnsafePointer<Double>, _ lda: Int32,
                             _ b: UnsafePointer<Double>, _ ldb: Int32,
                             _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int32) {
        cblas_dgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    public static func _syrk(_ transpose: Bool, _ n: Int32, _ k: Int32, _ alpha: Double,
                             _ a: UnsafePointer<Double>, _ lda: Int32,
                             _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int32) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, cblasTranspose(transpose), n, k, alpha, a, lda, beta, c, ldc)
    }
}

extension Float: BLASScalar {
    public static func _dot(_ count: Int32, _ x: UnsafePointer<Float>, _ incX: Int32,
                            _ y: UnsafePointer<Float>, _ incY: Int32) -> Float {
        cblas_sdot(count, x, incX, y, incY)
    }
    public static func _axpy(_ count: Int32, _ alpha: Float, _ x: UnsafePointer<Float>, _ incX: Int32,
                             _ y: UnsafeMutablePointer<Float>, _ incY: Int32) {
        cblas_saxpy(count, alpha, x, incX, y, incY)
    }
    public static func _scal(_ count: Int32, _ alpha: Float, _ x: UnsafeMutablePointer<Float>, _ incX: Int32) {
        cblas_sscal(count, alpha, x, incX)
    }
    public static func _gemv(_ transpose: Bool, _ rows: Int32, _ columns: Int32, _ alpha: Float,
                             _ a: UnsafePointer<Float>, _ lda: Int32, _ x: UnsafePointer<Float>, _ incX: Int32,
                             _ beta: Float, _ y: UnsafeMutablePointer<Float>, _ incY: Int32) {
        cblas_sgemv(CblasRowMajor, cblasTranspose(transpose), rows, columns, alpha, a, lda, x, incX, beta, y, incY)
    }
    public static func _gemm(_ transposeA: Bool, _ transposeB: Bool, _ m: Int32, _ n: Int32, _ k: Int32,
                             _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int32,
                             _ b: UnsafePointer<Float>, _ ldb: Int32,
                             _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int32) {
        cblas_sgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    public static func _syrk(_ transpose: Bool, _ n: Int32, _ k: Int32, _ alpha: Float,
                             _ a: UnsafePointer<Float>, _ lda: Int32,
                             _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int32) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, cblasTranspose(transpose), n, k, alpha, a, lda, beta, c, ldc)
    }
}
