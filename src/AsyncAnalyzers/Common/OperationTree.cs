using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Common
{
    /// <summary>Helpers over the operation tree that are not about tasks: looking through conversions and parentheses, expression-tree and nameof contexts.</summary>
    internal static class OperationTree
    {
        /// <summary>Strips implicit conversions and parentheses.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation { IsImplicit: true } conversion:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>
        /// True inside an expression tree lambda or a nameof argument: the code there never runs as written.
        /// </summary>
        public static bool IsInExpressionTreeOrNameof(IOperation operation, KnownSymbols known)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case INameOfOperation:
                        return true;
                    case IAnonymousFunctionOperation lambda:
                        var target = lambda.Parent switch
                        {
                            IDelegateCreationOperation creation => creation.Type,
                            IConversionOperation conversion => conversion.Type,
                            _ => null,
                        };
                        if (target is INamedTypeSymbol named && KnownSymbols.Is(named.OriginalDefinition, known.ExpressionOfT))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>A read of exactly this local or parameter.</summary>
        public static bool IsReferenceTo(IOperation operation, ISymbol symbol)
            => operation switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                _ => false,
            };
    }
}
