package dev.arbiter.authority.verify.internal;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;

/**
 * networknt's JDK regular expressions (the same ECMA-262 to {@code java.util.regex} translation of {@code $} and long
 * Unicode property names), matched on a {@link BoundedCharSequence}: a schema pattern that backtracks without end on a
 * model's output throws instead of hanging, and the verifier fails closed. Thread-safe.
 */
final class BoundedRegularExpressionFactory implements RegularExpressionFactory {

    static final BoundedRegularExpressionFactory INSTANCE = new BoundedRegularExpressionFactory();

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(
                RegularExpressions.replaceLongformCharacterProperties(RegularExpressions.replaceDollarAnchors(regex)));
        return value -> pattern.matcher(BoundedCharSequence.of(value)).find();
    }
}
