/** A refused argument: the field it is in and the whole sentence the error's detail says. */
export interface ArgumentProblem {
  field: string;
  detail: string;
}

/** `problem` (a check's "must …" phrase) as an ArgumentProblem on `field`, worded `label …`. */
export function argumentProblem(
  field: string,
  problem: string | undefined,
  label = field,
): ArgumentProblem | undefined {
  return problem === undefined ? undefined : { field, detail: `${label} ${problem}` };
}
