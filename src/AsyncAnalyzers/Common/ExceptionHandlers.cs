using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// What a catch clause does with what it catches: whether it catches everything (and so OperationCanceledException
    /// too), and whether its handler rethrows. Shared by ASYNC304 (swallowed cancellation) and ASYNC203 (guarded callbacks).
    /// </summary>
    internal static class ExceptionHandlers
    {
        /// <summary><c>catch</c> or <c>catch (Exception …)</c>: the types that also catch OperationCanceledException.</summary>
        public static bool IsCatchAll(ITypeSymbol exceptionType, KnownSymbols known)
            => exceptionType.SpecialType == SpecialType.System_Object || KnownSymbols.Is(exceptionType, known.Exception);

        /// <summary>A <c>throw</c> in the handler itself (not in a lambda or local function declared there).</summary>
        public static bool Rethrows(IBlockOperation handler)
        {
            foreach (var operation in handler.Descendants())
            {
                if (operation is IThrowOperation && !AsyncContext.IsInNestedFunction(operation, handler))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
