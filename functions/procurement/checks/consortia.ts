import { CITATIONS, type Citation } from './citations.js';
import { type Verdict, worstVerdict } from './rules.js';

export interface ConsortiumRequest {
  consortiumId: string;
  members: string[];
}

export interface ConsortiumResult {
  consortiumId: string;
  /** The worst verdict of its members: a member's record is the consortium's (财库〔2016〕125号). */
  verdict: Verdict;
  members: { uscc: string; verdict: Verdict }[];
  citations: Citation[];
}

/**
 * Each consortium takes the worst verdict of its members, who are judged like any supplier
 * (`verdicts` holds every supplier's; the request schemas admit only suppliers as members).
 */
export function judgeConsortia(
  consortia: readonly ConsortiumRequest[],
  verdicts: ReadonlyMap<string, Verdict>,
): ConsortiumResult[] {
  const verdictOf = (uscc: string) => {
    const verdict = verdicts.get(uscc);
    if (verdict === undefined) throw new RangeError(`consortium member ${uscc} is not among the suppliers`);
    return verdict;
  };
  return consortia.map(({ consortiumId, members }) => {
    const judged = members.map((uscc) => ({ uscc, verdict: verdictOf(uscc) }));
    return {
      consortiumId,
      verdict: worstVerdict(judged.map((member) => member.verdict)),
      members: judged,
      citations: [CITATIONS.creditRecordsNotice, CITATIONS.consortiumMembers],
    };
  });
}
