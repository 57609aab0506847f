/** Implementation classes of the workflow module; not an API. */
@NullMarked
package dev.arbiter.workflow.internal;

import org.jspecify.annotations.NullMarked;
