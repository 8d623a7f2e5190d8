using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>Writes to locals and parameters: who assigns a variable, and whether a write can happen between two points.</summary>
    internal static class LocalWrites
    {
        /// <summary>
        /// The value a local holds wherever it is read: its initializer, when nothing else ever writes it (then
        /// <c>var copy = source.CopyToAsync(target); return copy;</c> returns that call). Null otherwise.
        /// </summary>
        internal static IOperation? SingleAssignedValue(ILocalSymbol local, IOperation root)
        {
            var value = DeclaratorOf(local, root)?.GetVariableInitializer()?.Value;
            return value != null && !HasWriteAnywhere(root, local) ? value : null;
        }

        internal static IVariableDeclaratorOperation? DeclaratorOf(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator;
                }
            }

            return null;
        }

        internal static bool HasWriteAnywhere(IOperation root, ISymbol symbol) => HasWriteBetween(root, symbol, -1, null);

        /// <summary>
        /// A write to <paramref name="symbol"/> after <paramref name="start"/> and before the site, or inside a loop
        /// that also holds the site (a later iteration sees it first), or inside any lambda (order unknown).
        /// With a null site: any write at all after start.
        /// </summary>
        internal static bool HasWriteBetween(IOperation root, ISymbol? symbol, int start, IOperation? site)
        {
            if (symbol is null)
            {
                return false;
            }

            var siteStart = site?.Syntax.SpanStart ?? int.MaxValue;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (!IsWriteTo(operation, symbol))
                {
                    continue;
                }

                var position = operation.Syntax.SpanStart;
                if (position > start && position < siteStart)
                {
                    return true;
                }

                if (AsyncContext.IsInNestedFunction(operation, root))
                {
                    return true;
                }

                if (site != null && position > siteStart && SharesLoopAfter(operation, site, start))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWriteTo(IOperation operation, ISymbol symbol)
        {
            switch (operation)
            {
                case IAssignmentOperation assignment:
                    return WritesTarget(assignment.Target, symbol);
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument:
                    return WritesTarget(argument.Value, symbol);
                case IInvocationOperation { Instance: ILocalReferenceOperation instance, TargetMethod.Name: "Add" or "Insert" or "Clear" or "Remove" or "RemoveAt" or "AddRange" }:
                    return SymbolEqualityComparer.Default.Equals(instance.Local, symbol);
            }

            return false;
        }

        private static bool WritesTarget(IOperation target, ISymbol symbol)
        {
            target = OperationTree.Unwrap(target);
            return target switch
            {
                ILocalReferenceOperation or IParameterReferenceOperation => OperationTree.IsReferenceTo(target, symbol),
                IArrayElementReferenceOperation element => OperationTree.IsReferenceTo(OperationTree.Unwrap(element.ArrayReference), symbol),
                IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => OperationTree.IsReferenceTo(OperationTree.Unwrap(instance), symbol),
                ITupleOperation tuple => AnyElementWrites(tuple, symbol),
                IDeclarationExpressionOperation => false,
                _ => false,
            };
        }

        private static bool AnyElementWrites(ITupleOperation tuple, ISymbol symbol)
        {
            foreach (var element in tuple.Elements)
            {
                if (WritesTarget(element, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SharesLoopAfter(IOperation write, IOperation site, int start)
        {
            for (var current = site.Parent; current != null; current = current.Parent)
            {
                if (current is ILoopOperation loop && loop.Syntax.SpanStart > start && loop.Syntax.Span.Contains(write.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
