using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC504: <c>new TaskCompletionSource(…)</c> / <c>new TaskCompletionSource&lt;T&gt;(…)</c> whose options are missing or
    /// are a constant without <c>RunContinuationsAsynchronously</c>. Options computed at run time are not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RunContinuationsAsynchronouslyAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The value of <c>TaskCreationOptions.RunContinuationsAsynchronously</c>.</summary>
        internal const int RunContinuationsAsynchronously = 64;

        /// <summary>Present when the creation already passes (constant) options the fix combines with.</summary>
        public const string HasOptionsProperty = "HasOptions";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RunContinuationsAsynchronously);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation.Type is { Name: "TaskCompletionSource" } && known.TaskCreationOptions is { } options)
                    {
                        Analyze(c, known, options);
                    }
                }, OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known, INamedTypeSymbol optionsType)
        {
            if (context.Operation is not IObjectCreationOperation { Type: INamedTypeSymbol type } creation
                || !(KnownSymbols.Is(type, known.TaskCompletionSource) || KnownSymbols.Is(type.OriginalDefinition, known.TaskCompletionSourceOfT)))
            {
                return;
            }

            var hasOptions = false;
            foreach (var argument in creation.Arguments)
            {
                if (!KnownSymbols.Is(argument.Parameter?.Type, optionsType))
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    break;
                }

                var value = argument.Value.ConstantValue;
                if (!value.HasValue || value.Value is not int flags || (flags & RunContinuationsAsynchronously) != 0)
                {
                    return; // computed at run time, or already asynchronous
                }

                hasOptions = true;
            }

            var properties = hasOptions ? ImmutableDictionary<string, string?>.Empty.Add(HasOptionsProperty, "true") : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RunContinuationsAsynchronously, creation.Syntax.GetLocation(), properties, MessageText.Of(type)));
        }
    }
}
