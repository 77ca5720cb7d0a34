/// A dense matrix stored contiguously in row-major order.
///
/// Element `(row, column)` lives at `elements[row * columns + column]`. The storage is a plain Swift array,
/// so a `Matrix` is a value type with copy-on-write semantics; BLAS routines in `BLAS` read and write it
/// through scoped buffer pointers.
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in row-major order; `count == rows * columns` (keep it so when assigning).
    public var elements: [Scalar]

    /// A `rows × columns` matrix with every element equal to `value`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix over the given row-major elements.
    @inlinable
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        precondition(elements.count == rows * columns,
                     "Matrix of \(rows)×\(columns) needs \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A `rows × columns` matrix whose row-major elements are written by `initializer`, which must set
    /// every one of them; skips zero-filling large matrices that are about to be overwritten.
    @inlinable
    public init(rows: Int, columns: Int,
                initializingWith initializer: (inout UnsafeMutableBufferPointer<Scalar>) throws -> Void) rethrows {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = try Array(unsafeUninitializedCapacity: rows * columns) { buffer, count in
            try initializer(&buffer)
            count = rows * columns
        }
    }

    /// A matrix built from an array of equally long rows.
    @inlinable
    public init(_ rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "All rows must have the same length")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// The element at `(row, column)`.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return elements[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            elements[row * columns + column] = newValue
        }
    }

    /// The elements of one row, copied into a new array.
    @inlinable
    public func row(_ index: Int) -> [Scalar] {
        precondition(index >= 0 && index < rows, "Row index out of range")
        return Array(elements[(index * columns)..<((index + 1) * columns)])
    }

    /// The transposed matrix (`columns × rows`), copied.
    @inlinable
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                result.elements[column * rows + row] = elements[row * columns + column]
            }
        }
        return result
    }

    /// Calls `body` with a read-only pointer to the row-major elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try elements.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable pointer to the row-major elements.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try elements.withUnsafeMutableBufferPointer(body)
    }
}
