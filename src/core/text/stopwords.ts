/** Words that carry no skill content (function words and generic verbs of the matrices). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being both but by can could do does each either for from has have having how in into is it its ' +
    'itself more most no nor not of on once one only or other our out over own same so some such than that the their them ' +
    'then there these they this those through to too under until up very was were what when where whether which while who ' +
    'whom why will with within without would you your also across after all any before between beyond during just like many ' +
    'much per rather several via well own whole new old way ways kind kinds well ' +
    // generic verbs and adverbs of the expectation texts
    'able apply applies applying build builds building built create creates creating does doing get gets getting give gives ' +
    'go goes handle handles handling help helps keep keeps know knows knowing make makes making put puts putting run runs ' +
    'set sets setting take takes taking try tries use uses using used work works working write writes writing ' +
    'own owns their themselves others things thing what whats basic simple small ' +
    'alone bring brings careful complete down fast faster rely relies relying result results speed speeds'
  ).split(/\s+/),
);
