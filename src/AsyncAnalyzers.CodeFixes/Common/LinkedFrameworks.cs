using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CodeFixes.Common
{
    /// <summary>
    /// A file of a multi-targeted project is one document per target framework (linked documents), and a fix computed on
    /// one of them is applied to the text all of them share. A fix is accepted only when, in every linked document's
    /// compilation, it brings no compiler error the original text did not have there: a token overload or an async twin
    /// that exists on net10.0 but not on netstandard2.0 is rejected instead of breaking that build.
    /// </summary>
    internal static class LinkedFrameworks
    {
        public static async Task<bool> AcceptAsync(Document original, Document fixedDocument, CancellationToken cancellationToken)
        {
            var linkedIds = original.GetLinkedDocumentIds();
            if (linkedIds.IsEmpty || ReferenceEquals(original, fixedDocument))
            {
                return true;
            }

            var fixedText = await fixedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var linkedId in linkedIds)
            {
                if (original.Project.Solution.GetDocument(linkedId) is not { } linked)
                {
                    continue;
                }

                var before = await ErrorsAsync(linked, cancellationToken).ConfigureAwait(false);
                var after = await ErrorsAsync(linked.WithText(fixedText), cancellationToken).ConfigureAwait(false);
                foreach (var error in after)
                {
                    if (!before.Remove(error))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The document's compiler errors by ID and message (positions move with the fix; messages do not).</summary>
        private static async Task<List<string>> ErrorsAsync(Document document, CancellationToken cancellationToken)
        {
            var errors = new List<string>();
            if (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                return errors;
            }

            foreach (var diagnostic in model.GetDiagnostics(cancellationToken: cancellationToken))
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    errors.Add(diagnostic.Id + " " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return errors;
        }
    }
}
