using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>The official CSharpAnalyzerVerifier's entry points over <see cref="AnalyzerTest{TAnalyzer}"/>.</summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>The analyzer's diagnostic: its first descriptor, when all of them share one ID (a rule with two messages).</summary>
        public static DiagnosticResult Diagnostic()
        {
            var descriptors = new TAnalyzer().SupportedDiagnostics;
            if (descriptors.IsEmpty || descriptors.Any(d => d.Id != descriptors[0].Id))
            {
                throw new InvalidOperationException($"{typeof(TAnalyzer).Name} reports several IDs: use Diagnostic(id) or Diagnostic(descriptor).");
            }

            return new DiagnosticResult(descriptors[0]);
        }

        /// <summary>
        /// The first descriptor with this ID. Unlike the official verifier (which requires exactly one), this works for
        /// rules with two messages and so two descriptors; pass the descriptor to pin the message down.
        /// </summary>
        public static DiagnosticResult Diagnostic(string id)
        {
            foreach (var descriptor in new TAnalyzer().SupportedDiagnostics)
            {
                if (descriptor.Id == id)
                {
                    return new DiagnosticResult(descriptor);
                }
            }

            throw new ArgumentException($"{typeof(TAnalyzer).Name} supports no diagnostic '{id}'.", nameof(id));
        }

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new AnalyzerTest<TAnalyzer> { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }
    }

    /// <summary>The official CSharpCodeFixVerifier's entry points over <see cref="CodeFixTest{TAnalyzer, TCodeFix}"/>.</summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, expected);

        public static Task VerifyCodeFixAsync(string source, string fixedSource)
            => VerifyCodeFixAsync(source, Array.Empty<DiagnosticResult>(), fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource)
            => VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
        {
            var test = new CodeFixTest<TAnalyzer, TCodeFix> { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }
    }
}
