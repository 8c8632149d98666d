# What `cmake --install` puts beside the binary for the shell: the man page (made from --help by
# help2man at build time), the bash and zsh completions, and the documentation with the sample
# articles in share/doc/analyze.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(ANALYZE_MAN_PAGE ${PROJECT_BINARY_DIR}/analyze.1)
  add_custom_command(OUTPUT ${ANALYZE_MAN_PAGE}
    COMMAND ${HELP2MAN} --no-info --version-string=${PROJECT_VERSION}
            "--name=news articles in; paragraphs, sentences, entities, topics, keyphrases and stance out"
            --include=${PROJECT_SOURCE_DIR}/man/analyze.h2m --output=${ANALYZE_MAN_PAGE} $<TARGET_FILE:analyze>
    DEPENDS analyze ${PROJECT_SOURCE_DIR}/man/analyze.h2m
    COMMENT "Writing the man page analyze.1 from --help (help2man)"
    VERBATIM)
  add_custom_target(analyze_man ALL DEPENDS ${ANALYZE_MAN_PAGE})
  install(FILES ${ANALYZE_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: no man page will be built or installed (Debian: help2man)")
endif()

install(FILES completions/analyze.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME analyze)
install(FILES completions/_analyze DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY data/samples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/samples)
